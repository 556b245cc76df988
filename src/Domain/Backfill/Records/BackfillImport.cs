namespace Portal.Domain.Backfill.Records;

/// <summary>One legacy CSV import: the file, the configuration versions it used, and its run.</summary>
public sealed class BackfillImport
{
    public long Id { get; set; }

    public long? RunId { get; set; }

    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file as uploaded.</summary>
    public required string FileHash { get; set; }

    public long FileSize { get; set; }

    public int? RowCount { get; set; }

    /// <summary>Header cell → canonical column chosen by the operator where the automatic mapping was wrong ("" ignores the column).</summary>
    public string? ColumnMap { get; set; }

    public bool DryRun { get; set; }

    /// <summary>The configuration versions (normalization rules, thresholds, scoring) in force for this import.</summary>
    public long? NormalizationRulesVersionId { get; set; }

    public long? MatchingThresholdsVersionId { get; set; }

    public long? BitScoringVersionId { get; set; }

    public long? MergeRulesVersionId { get; set; }

    /// <summary>Rows 1..N with an outcome: an interrupted import resumes after this row.</summary>
    public int Checkpoint { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the import was reverted (its field changes restored, what it created removed), by whom, and what was skipped.</summary>
    public DateTimeOffset? RevertedAt { get; set; }

    public string? RevertedBy { get; set; }

    public string? RevertSummary { get; set; }
}
