namespace Portal.Domain.Backfill.Records;

/// <summary>A row of <c>garage.missing_parts</c>: a match the importer could not decide, with every candidate and score.</summary>
public sealed class MissingPart
{
    public long MissingId { get; set; }

    public required string Source { get; set; }

    /// <summary>low_confidence_match and the like.</summary>
    public required string IssueType { get; set; }

    public string? SourceData { get; set; }

    public string? MatchAttempts { get; set; }

    public decimal? ConfidenceScore { get; set; }

    public bool Resolved { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>linked, created or dismissed.</summary>
    public string? Resolution { get; set; }

    public string? ResolutionNote { get; set; }

    /// <summary>What a resolution changed (created ids, overwritten values, the log row before), so that it can be undone.</summary>
    public string? ResolutionChanges { get; set; }

    public long? ImportId { get; set; }

    public Guid? BackfillLogId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
