namespace Portal.Domain.Backfill.Records;

/// <summary>A row of <c>talent_flow_baseline</c>: one snapshot per person, the starting point for movement detection.</summary>
public sealed class TalentFlowBaselineRecord
{
    public long BaselineId { get; set; }

    public required string PersonUniqueId { get; set; }

    public required string EnrichmentHash { get; set; }

    public required string SnapshotData { get; set; }

    public DateOnly BaselineDate { get; set; }

    public string Source { get; set; } = "backfill_agent";

    public DateTimeOffset CreatedAt { get; set; }

    public string? Metadata { get; set; }
}
