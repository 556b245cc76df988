namespace Portal.Jobs.Slots;

/// <summary>A slot evaluation run's report, in the shape of seed 000's summary plus fill rates per slot type.</summary>
public sealed class SlotEvaluationSummary
{
    public bool DryRun { get; set; }

    public bool Incremental { get; set; }

    public long PeopleClassified { get; set; }

    public long CompaniesProcessed { get; set; }

    public long SlotsCreated { get; set; }

    public long SlotsUpdated { get; set; }

    public long SlotsFilled { get; set; }

    public long SlotsOpen { get; set; }

    public long SlotsClosedMissing { get; set; }

    public long CompoundMatches { get; set; }

    public long MultipleCandidates { get; set; }

    public long BackfillTriggered { get; set; }

    /// <summary>Fill rate (percent) of the processed companies' slots: overall and per slot type.</summary>
    public Dictionary<string, double> FillRate { get; set; } = [];

    /// <summary>Fill rate (percent) of every slot in the database after the run.</summary>
    public Dictionary<string, double> TableFillRate { get; set; } = [];

    /// <summary>For a dry run: some companies and the backfill requests they would get.</summary>
    public List<SlotEvaluationSample> Sample { get; set; } = [];
}

public sealed record SlotEvaluationSample(string CompanyUniqueId, string CompanyName, IReadOnlyList<string> WouldRequest, IReadOnlyList<string> Filled);
