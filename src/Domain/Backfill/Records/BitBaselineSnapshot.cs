namespace Portal.Domain.Backfill.Records;

/// <summary>A row of <c>bit_baseline_snapshot</c>: a person's initial BIT state from historical engagement.</summary>
public sealed class BitBaselineSnapshot
{
    public long BaselineId { get; set; }

    public required string PersonUniqueId { get; set; }

    public string? CompanyUniqueId { get; set; }

    public int HistoricalOpenCount { get; set; }

    public int HistoricalReplyCount { get; set; }

    public int HistoricalMeetingCount { get; set; }

    public DateTimeOffset? LastEngagedAt { get; set; }

    public int BaselineScore { get; set; }

    public required string BaselineTier { get; set; }

    public int SignalsGenerated { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Source { get; set; } = "backfill_agent";

    public string? Metadata { get; set; }

    public long? ImportId { get; set; }
}
