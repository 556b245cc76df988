namespace Portal.Domain.Watermarks;

/// <summary>How far an incremental job has processed, per job and (where it matters) per entity.</summary>
public sealed class JobWatermark
{
    public const string AllEntities = "*";

    public required string JobName { get; set; }

    public string Entity { get; set; } = AllEntities;

    public DateTimeOffset Watermark { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when a repair backfill computed this watermark from the data rather than a run.</summary>
    public DateTimeOffset? BackfilledAt { get; set; }

    public string? Metadata { get; set; }
}
