using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>How an import runs; thresholds, rules and scoring are the admin-edited configuration versions.</summary>
public sealed record BackfillImportOptions
{
    /// <summary>Do everything in one transaction and roll it back: the summary says what would happen.</summary>
    public bool DryRun { get; init; }

    /// <summary>Rows per transaction (and per checkpoint).</summary>
    public const int DefaultBatchSize = 20_000;

    public int BatchSize { get; init; } = DefaultBatchSize;

    public NormalizationRules Rules { get; init; } = NormalizationRules.Default;

    public MatchingThresholds Thresholds { get; init; } = MatchingThresholds.Default;

    public BitScoring Scoring { get; init; } = BitScoring.Default;

    public MergeRules Merge { get; init; } = MergeRules.Default;

    /// <summary>The cell and line limits enforced while reading.</summary>
    public LegacyCsvLimits Limits { get; init; } = LegacyCsvLimits.Default;

    /// <summary>The operator's corrections to the automatic header mapping (header → canonical column, "" to ignore).</summary>
    public IReadOnlyDictionary<string, string>? ColumnMap { get; init; }
}

/// <summary>
/// Seed 001's execution summary. The counters are for the rows this run processed (a resumed import starts after
/// its checkpoint); <see cref="Outcomes"/> counts the outcome of every row of the import so far, resumed or not.
/// </summary>
public sealed class BackfillImportSummary
{
    public long ImportId { get; set; }

    public bool DryRun { get; set; }

    /// <summary>Rows in the file.</summary>
    public long RowsLoaded { get; set; }

    /// <summary>Rows before this checkpoint were done by an earlier run and were skipped.</summary>
    public long ResumedAfterRow { get; set; }

    public long RowsProcessed { get; set; }

    /// <summary>Rows that could be read and had their required columns.</summary>
    public long RowsValid { get; set; }

    public long Errors { get; set; }

    /// <summary>Normalization warnings (a cell unusable or cleaned), over all processed rows.</summary>
    public long Warnings { get; set; }

    public long Duplicates { get; set; }

    public long CompaniesMatched { get; set; }

    public long CompaniesCreated { get; set; }

    public long PeopleMatched { get; set; }

    public long PeopleCreated { get; set; }

    public long PeopleUpdated { get; set; }

    public long BitBaselines { get; set; }

    public long BitSignals { get; set; }

    public long TalentFlowBaselines { get; set; }

    public long Unresolved { get; set; }

    /// <summary>Rows whose only changes were to locked fields (outcome skipped_locked).</summary>
    public long LockedFieldSkips { get; set; }

    /// <summary>Locked fields left untouched, over all matched rows (also those that changed other fields).</summary>
    public long LockedFieldsKept { get; set; }

    /// <summary>Incoming values the merge policy did not take (kept in the row's log entry beside the kept value).</summary>
    public long ConflictsKept { get; set; }

    public long BatchesCommitted { get; set; }

    public bool Completed { get; set; }

    public double Seconds { get; set; }

    internal long[] Counters() =>
    [
        RowsValid, Errors, Warnings, Duplicates, CompaniesMatched, CompaniesCreated, PeopleMatched, PeopleCreated, PeopleUpdated,
        BitBaselines, BitSignals, TalentFlowBaselines, Unresolved, LockedFieldSkips, LockedFieldsKept, ConflictsKept,
    ];

    internal void RestoreCounters(long[] c)
    {
        (RowsValid, Errors, Warnings, Duplicates, CompaniesMatched, CompaniesCreated, PeopleMatched, PeopleCreated) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        (PeopleUpdated, BitBaselines, BitSignals, TalentFlowBaselines, Unresolved, LockedFieldSkips, LockedFieldsKept, ConflictsKept) = (c[8], c[9], c[10], c[11], c[12], c[13], c[14], c[15]);
    }

    /// <summary>Flag kind (<see cref="LegacyFlagKinds"/>) → cells and lines flagged in the rows this run processed.</summary>
    public Dictionary<string, long> Flags { get; set; } = [];

    /// <summary>Outcome → rows of the whole import (from backfill_log).</summary>
    public Dictionary<string, long> Outcomes { get; set; } = [];
}
