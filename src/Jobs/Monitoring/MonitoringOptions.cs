namespace Portal.Jobs.Monitoring;

public sealed class MonitoringOptions
{
    public const string Section = "Monitoring";

    /// <summary>Where alert notifications are POSTed as JSON; none are sent when empty.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>When set, each delivery carries <c>X-Portal-Signature: sha256=HMAC(secret, body)</c>.</summary>
    public string? WebhookSecret { get; set; }

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Waits between delivery attempts; after the last one the notification is given up (failed).</summary>
    public IReadOnlyList<TimeSpan> WebhookRetryDelays { get; set; } =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>How long minute samples are kept (the 24-hour chart and the latest values read them).</summary>
    public int SampleRetentionDays { get; set; } = 8;

    /// <summary>How long hourly averages are kept (the 7- and 30-day charts read them).</summary>
    public int HourlyRetentionDays { get; set; } = 400;
}
