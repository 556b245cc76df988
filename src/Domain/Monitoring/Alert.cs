namespace Portal.Domain.Monitoring;

/// <summary>
/// One occurrence of a rule's condition: pending (holding, not yet for long enough) → firing → resolved. At most
/// one pending or firing alert exists per rule (a partial unique index), so a condition never alerts twice.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }

    public long RuleId { get; set; }

    public required string Metric { get; set; }

    public required string Severity { get; set; }

    public required string State { get; set; }

    /// <summary>The metric's value at the last evaluation while the alert was active.</summary>
    public double Value { get; set; }

    public double Threshold { get; set; }

    /// <summary>Since when the condition holds.</summary>
    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>Whether the firing was notified (false while silenced, so that it is notified when the silence ends).</summary>
    public bool FiringNotified { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgeComment { get; set; }

    public DateTimeOffset? SilencedUntil { get; set; }

    public string? SilencedBy { get; set; }

    public string? SilenceReason { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsSilenced(DateTimeOffset now) => SilencedUntil is { } until && until > now;
}

/// <summary>A notification of an alert event to the webhook, with its delivery attempts.</summary>
public sealed class AlertNotification
{
    public long Id { get; set; }

    public long AlertId { get; set; }

    /// <summary>firing or resolved.</summary>
    public required string Event { get; set; }

    public required string Payload { get; set; }

    /// <summary>pending, delivered or failed (gave up).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public int? LastStatusCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

public static class NotificationStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

/// <summary>One stored value of one metric at one minute.</summary>
public sealed class MetricSample
{
    public required string Name { get; set; }

    public DateTimeOffset At { get; set; }

    public double Value { get; set; }
}

/// <summary>The average of one metric over one hour: what the longer chart ranges read (a 30-day chart is 720 of these, not 43,200 samples).</summary>
public sealed class MetricHourly
{
    public required string Name { get; set; }

    public DateTimeOffset Hour { get; set; }

    public double Value { get; set; }

    public int Samples { get; set; }
}
