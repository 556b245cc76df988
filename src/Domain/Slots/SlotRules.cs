namespace Portal.Domain.Slots;

/// <summary>What the database knows about one slot when it is evaluated.</summary>
/// <param name="CurrentStatus">The stored status; null when the slot has no row yet.</param>
/// <param name="BestCandidateId">The best person whose title fills the slot, if any.</param>
/// <param name="CandidateCount">How many people's titles fill the slot.</param>
/// <param name="FinishedRounds">Enrichment rounds for the slot finished since it was last filled.</param>
public readonly record struct SlotFacts(
    string? CurrentStatus,
    int CurrentAttempts,
    string? CurrentPersonId,
    string? BestCandidateId,
    int CandidateCount,
    int FinishedRounds);

/// <summary>What evaluation decides for one slot.</summary>
/// <param name="BackfillAttempt">The enrichment round to request (a pending request must exist for it); null for none.</param>
public readonly record struct SlotOutcome(string Status, int Attempts, string? PersonId, int? BackfillAttempt)
{
    public bool IsFilled => Status == SlotStatus.Filled;
}

/// <summary>
/// The slot rules of seed 000 made idempotent: a slot is filled when someone's title fills it (attempts back
/// to 0); otherwise its attempts are the finished enrichment rounds that found nobody, and it closes as
/// missing at the maximum. Evaluating again with nothing new gives the same outcome.
/// </summary>
public static class SlotRules
{
    public const int DefaultMaxAttempts = 2;

    public static SlotOutcome Decide(SlotFacts facts, int maxAttempts = DefaultMaxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (facts.BestCandidateId is { } person)
        {
            return new SlotOutcome(SlotStatus.Filled, 0, person, null);
        }

        var attempts = Math.Max(0, facts.FinishedRounds);
        return attempts >= maxAttempts
            ? new SlotOutcome(SlotStatus.ClosedMissing, attempts, null, null)
            : new SlotOutcome(SlotStatus.Open, attempts, null, attempts + 1);
    }

    /// <summary>True when the outcome differs from what is stored (so the row must be written).</summary>
    public static bool Changes(SlotFacts facts, SlotOutcome outcome) =>
        facts.CurrentStatus != outcome.Status || facts.CurrentAttempts != outcome.Attempts || facts.CurrentPersonId != outcome.PersonId;
}
