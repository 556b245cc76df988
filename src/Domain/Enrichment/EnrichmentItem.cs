namespace Portal.Domain.Enrichment;

/// <summary>
/// A row of <c>enrichment.enrichment_item</c>: one piece of enrichment work (a slot backfill task of
/// <c>public.agent_routing_log</c>, or a re-enrichment selection) passing the ordered stages of
/// <see cref="EnrichmentStages"/>. Result columns keep seed 002's names and stay NULL until a stage succeeds.
/// </summary>
public sealed class EnrichmentItem
{
    public long Id { get; set; }

    /// <summary><see cref="EnrichmentSources"/>: slot_backfill or re_enrichment.</summary>
    public required string Source { get; set; }

    /// <summary>The routing task this item works on (one item per task); null for re-enrichment items.</summary>
    public long? RoutingTaskId { get; set; }

    /// <summary>The pending request in <c>intake.people_raw_intake</c> a found person is written to.</summary>
    public long? IntakeId { get; set; }

    public required string CompanyUniqueId { get; set; }

    public required string SlotType { get; set; }

    /// <summary>The re-enrichment run that created this item.</summary>
    public long? BackfillRunId { get; set; }

    /// <summary><see cref="EnrichmentItemStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary><see cref="StageStatus"/> of each stage, in order.</summary>
    public string LookupStatus { get; set; } = StageStatus.Pending;

    public string ValidateStatus { get; set; } = StageStatus.Pending;

    public string ApplyStatus { get; set; } = StageStatus.Pending;

    /// <summary>The provider's confidence; NULL until a lookup answered (never 0.0 for a failure).</summary>
    public double? AiConfidence { get; set; }

    /// <summary><see cref="EnrichmentLabels"/>; NULL until a lookup answered.</summary>
    public string? AiLabel { get; set; }

    public string? FoundFullName { get; set; }

    public string? FoundFirstName { get; set; }

    public string? FoundLastName { get; set; }

    public string? FoundTitle { get; set; }

    public string? FoundEmail { get; set; }

    public string? FoundLinkedinUrl { get; set; }

    /// <summary>The <c>people_master</c> row the found person was written to.</summary>
    public string? PersonUniqueId { get; set; }

    /// <summary>Retries scheduled after failures (at most <see cref="RetrySchedule.MaxRetries"/>).</summary>
    public int EnrichmentRetryCount { get; set; }

    public DateTimeOffset? LastEnrichmentAttempt { get; set; }

    /// <summary>When the item is due; null when nothing should pick it up (finished, or owned by a backfill run).</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public List<string> ErrorMessages { get; set; } = [];

    public string? LastErrorClass { get; set; }

    /// <summary>What applying the found person to a known one changed, old → new, and the values the merge policy did not take (JSON).</summary>
    public string? MergeLog { get; set; }

    /// <summary>Set when the item was dead-lettered (escalated to a person).</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    public string? ClaimedBy { get; set; }

    /// <summary>A claim's lease: past it, a claimed item whose worker died is claimed again.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

public static class EnrichmentSources
{
    public const string SlotBackfill = "slot_backfill";
    public const string ReEnrichment = "re_enrichment";
}

/// <summary>Item status values as stored.</summary>
public static class EnrichmentItemStatus
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";

    /// <summary>Failed, waiting for its next retry.</summary>
    public const string Failed = "failed";
    public const string DeadLetter = "dead_letter";
    public const string Skipped = "skipped";

    public static readonly IReadOnlyList<string> All = [Pending, InProgress, Completed, Failed, DeadLetter, Skipped];
}

/// <summary>What a lookup concluded, stored in <c>ai_label</c>.</summary>
public static class EnrichmentLabels
{
    public const string Found = "found";
    public const string NotFound = "not_found";
    public const string LowConfidence = "low_confidence";

    /// <summary>Found someone, but not a usable person for the slot (no name, or a title that does not fill it).</summary>
    public const string Rejected = "rejected";
}
