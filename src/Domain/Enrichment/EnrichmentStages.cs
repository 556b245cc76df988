namespace Portal.Domain.Enrichment;

/// <summary>Stage status values (seed 002's names).</summary>
public static class StageStatus
{
    public const string Pending = "PENDING";
    public const string InProgress = "IN_PROGRESS";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Skipped = "SKIPPED";

    public static readonly IReadOnlyList<string> All = [Pending, InProgress, Completed, Failed, Skipped];
}

/// <summary>
/// The ordered stages of an item: <c>lookup</c> (the provider searches the person for the slot), <c>validate</c>
/// (the answer is usable: confident enough, a name, a title that fills the slot) and <c>apply</c> (the person goes
/// through intake into <c>people_master</c>). A stage starts only after the one before it completed.
/// </summary>
public static class EnrichmentStages
{
    public const string Lookup = "lookup";
    public const string Validate = "validate";
    public const string Apply = "apply";

    public static readonly IReadOnlyList<string> All = [Lookup, Validate, Apply];

    /// <summary>Whether a stage may move from one status to another.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (StageStatus.Pending, StageStatus.InProgress or StageStatus.Skipped) => true,
        (StageStatus.InProgress, StageStatus.Completed or StageStatus.Failed or StageStatus.Skipped) => true,

        // a failed stage is retried, or given up
        (StageStatus.Failed, StageStatus.InProgress or StageStatus.Skipped or StageStatus.Pending) => true,

        // reprocessing starts a finished item over
        (StageStatus.Completed or StageStatus.Skipped, StageStatus.Pending) => true,
        _ => false,
    };
}

/// <summary>The status of each stage of one item, moved only along <see cref="EnrichmentStages.CanMove"/>.</summary>
public readonly record struct StageStates(string Lookup, string Validate, string Apply)
{
    public static StageStates New => new(StageStatus.Pending, StageStatus.Pending, StageStatus.Pending);

    public string this[string stage] => stage switch
    {
        EnrichmentStages.Lookup => Lookup,
        EnrichmentStages.Validate => Validate,
        EnrichmentStages.Apply => Apply,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage."),
    };

    /// <exception cref="InvalidOperationException">The move is not allowed, or an earlier stage has not completed.</exception>
    public StageStates Move(string stage, string to)
    {
        var from = this[stage];
        if (!EnrichmentStages.CanMove(from, to))
        {
            throw new InvalidOperationException($"Stage {stage} cannot move from {from} to {to}.");
        }

        var self = this;
        if (to == StageStatus.InProgress && EnrichmentStages.All.Take(IndexOf(stage)).Any(earlier => self[earlier] != StageStatus.Completed))
        {
            throw new InvalidOperationException($"Stage {stage} cannot start before the stages before it completed.");
        }

        return stage switch
        {
            EnrichmentStages.Lookup => this with { Lookup = to },
            EnrichmentStages.Validate => this with { Validate = to },
            _ => this with { Apply = to },
        };
    }

    /// <summary>Skips every stage after <paramref name="stage"/> that has not run.</summary>
    public StageStates SkipAfter(string stage)
    {
        var states = this;
        foreach (var later in EnrichmentStages.All.Skip(IndexOf(stage) + 1))
        {
            if (states[later] == StageStatus.Pending)
            {
                states = states.Move(later, StageStatus.Skipped);
            }
        }

        return states;
    }

    /// <summary>Puts every stage back to pending, for another attempt.</summary>
    public StageStates Reset()
    {
        var states = this;
        foreach (var stage in EnrichmentStages.All)
        {
            if (states[stage] != StageStatus.Pending)
            {
                states = states.Move(stage, StageStatus.Pending);
            }
        }

        return states;
    }

    private static int IndexOf(string stage)
    {
        for (var i = 0; i < EnrichmentStages.All.Count; i++)
        {
            if (EnrichmentStages.All[i] == stage)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown stage.");
    }
}
