using Portal.Domain.Slots;

namespace Portal.Domain.Enrichment;

/// <summary>What is written back for one item after a provider call.</summary>
/// <param name="NextAttemptAt">When a failed item is retried; null when nothing is scheduled.</param>
/// <param name="RoutingStatus">The routing task's status that follows the item: queued (waiting for a retry), done or failed.</param>
/// <param name="RoutingResult">The finished round's result (found, not_found, low_confidence, rejected, dead_letter); null while it goes on.</param>
public sealed record EnrichmentOutcome(
    string Status,
    StageStates Stages,
    double? AiConfidence,
    string? AiLabel,
    FoundPerson? Person,
    int RetryCount,
    DateTimeOffset? NextAttemptAt,
    string? ErrorClass,
    string? Error,
    bool DeadLettered,
    string RoutingStatus,
    string? RoutingResult)
{
    public const double MinConfidence = 0.7;

    /// <summary>Whether the found person is to be written through intake into <c>people_master</c>.</summary>
    public bool Applies => Stages.Apply == StageStatus.Completed;

    /// <summary>
    /// Decides an item's outcome. A failure keeps every result field NULL (never a default like 0.0, which would
    /// hide it from reprocessing), schedules the next retry with backoff, and dead-letters after the last one.
    /// </summary>
    /// <param name="retryCount">Retries the item has had before this attempt.</param>
    /// <param name="jitterSample">A uniform sample in [0, 1) for the retry's jitter.</param>
    public static EnrichmentOutcome Decide(string slotType, int retryCount, ProviderResult result, DateTimeOffset now, double jitterSample)
    {
        var stages = StageStates.New.Move(EnrichmentStages.Lookup, StageStatus.InProgress);
        if (result.Kind == ProviderResultKind.Failed)
        {
            stages = stages.Move(EnrichmentStages.Lookup, StageStatus.Failed);
            var errorClass = result.ErrorClass ?? "unknown";
            if (retryCount >= RetrySchedule.MaxRetries)
            {
                return new(EnrichmentItemStatus.DeadLetter, stages, null, null, null, retryCount, null, errorClass, result.Error, true, "failed", "dead_letter");
            }

            var retry = retryCount + 1;
            return new(EnrichmentItemStatus.Failed, stages, null, null, null, retry, RetrySchedule.NextAttempt(retry, now, jitterSample, result.RetryAfter), errorClass, result.Error, false, "queued", null);
        }

        stages = stages.Move(EnrichmentStages.Lookup, StageStatus.Completed);
        if (result.Kind == ProviderResultKind.NotFound || result.Person is null)
        {
            return Finished(stages.SkipAfter(EnrichmentStages.Lookup), result.Confidence, EnrichmentLabels.NotFound, null, retryCount);
        }

        stages = stages.Move(EnrichmentStages.Validate, StageStatus.InProgress);
        if (result.Confidence is not >= MinConfidence)
        {
            // Kept, not applied: the reprocessing job asks again once it is a day old.
            return Finished(stages.Move(EnrichmentStages.Validate, StageStatus.Skipped).SkipAfter(EnrichmentStages.Validate), result.Confidence, EnrichmentLabels.LowConfidence, result.Person, retryCount);
        }

        stages = stages.Move(EnrichmentStages.Validate, StageStatus.Completed);
        if (!FillsSlot(result.Person, slotType))
        {
            return Finished(stages.SkipAfter(EnrichmentStages.Validate), result.Confidence, EnrichmentLabels.Rejected, result.Person, retryCount);
        }

        // The apply stage's writes happen in the same transaction as this outcome.
        stages = stages.Move(EnrichmentStages.Apply, StageStatus.InProgress).Move(EnrichmentStages.Apply, StageStatus.Completed);
        return Finished(stages, result.Confidence, EnrichmentLabels.Found, result.Person, retryCount);
    }

    /// <summary>An item whose task no longer needs it (the slot was filled meanwhile): every stage skipped, no provider call.</summary>
    public static EnrichmentOutcome Skip(int retryCount) =>
        new(EnrichmentItemStatus.Skipped, new StageStates(StageStatus.Skipped, StageStatus.Skipped, StageStatus.Skipped), null, null, null, retryCount, null, null, null, false, "cancelled", null);

    /// <summary>A usable person: a name, and a title that fills the slot asked for.</summary>
    public static bool FillsSlot(FoundPerson person, string slotType) =>
        !string.IsNullOrWhiteSpace(person.FullName)
        && TitleClassifier.Classify(person.Title).HasFlag(SlotTypeNames.Parse(slotType));

    private static EnrichmentOutcome Finished(StageStates stages, double? confidence, string label, FoundPerson? person, int retryCount) =>
        new(EnrichmentItemStatus.Completed, stages, confidence, label, person, retryCount, null, null, null, false, "done", label);
}
