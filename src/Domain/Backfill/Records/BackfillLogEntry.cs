namespace Portal.Domain.Backfill.Records;

/// <summary>A row of <c>backfill_log</c> (seed 001): the outcome of one input row. Every row gets exactly one.</summary>
public sealed class BackfillLogEntry
{
    public Guid Id { get; set; }

    public long ImportId { get; set; }

    /// <summary>1-based position of the row in its file.</summary>
    public int RowNumber { get; set; }

    public required string SourceRowHash { get; set; }

    public string? SourceData { get; set; }

    /// <summary>perfect, fuzzy or no_match.</summary>
    public string? MatchType { get; set; }

    public decimal? MatchConfidence { get; set; }

    public string? MatchedCompanyId { get; set; }

    public string? MatchedPersonId { get; set; }

    /// <summary>initialized, unresolved, duplicate, error or skipped_locked.</summary>
    public required string ResolutionStatus { get; set; }

    public string? ActionsTaken { get; set; }

    public string? ErrorMessage { get; set; }

    public string? Notes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? WorkerId { get; set; }

    public string? ProcessId { get; set; }
}

public static class ResolutionStatus
{
    public const string Initialized = "initialized";
    public const string Unresolved = "unresolved";
    public const string Duplicate = "duplicate";
    public const string Error = "error";
    public const string SkippedLocked = "skipped_locked";

    public static readonly IReadOnlyList<string> All = [Initialized, Unresolved, Duplicate, Error, SkippedLocked];
}
