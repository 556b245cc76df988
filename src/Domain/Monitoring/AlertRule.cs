namespace Portal.Domain.Monitoring;

/// <summary>A threshold rule on one metric, with a warning and/or a critical level (admin-editable).</summary>
public sealed class AlertRule
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Metric { get; set; }

    /// <summary><see cref="AlertComparison.Below"/> or <see cref="AlertComparison.Above"/>.</summary>
    public required string Comparison { get; set; }

    public double? WarningThreshold { get; set; }

    public double? CriticalThreshold { get; set; }

    /// <summary>How long the condition must hold before the alert fires (0 = at once).</summary>
    public int ForMinutes { get; set; }

    public bool Enabled { get; set; } = true;

    public string? UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class AlertComparison
{
    public const string Below = "below";
    public const string Above = "above";
}

public static class AlertSeverity
{
    public const string Warning = "warning";
    public const string Critical = "critical";

    public static int Rank(string? severity) => severity switch { Critical => 2, Warning => 1, _ => 0 };
}

public static class AlertState
{
    public const string Pending = "pending";
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}
