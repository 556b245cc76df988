namespace Portal.Domain.Intake;

/// <summary>A row of <c>public.agent_routing_log</c>: a task routed to an agent, such as a slot backfill.</summary>
public sealed class AgentRoutingTask
{
    public const string SlotBackfillRecordType = "person_slot_backfill";
    public const string EnrichmentAgent = "b2_enrichment_agent";
    public const string MissingPersonBay = "bay_a";

    public long Id { get; set; }

    public required string RecordType { get; set; }

    /// <summary>The routed record's id as text (for slot backfills: <c>people_raw_intake.id</c>).</summary>
    public required string RecordId { get; set; }

    public string? GarageBay { get; set; }

    public string? AgentName { get; set; }

    public string? RoutingReason { get; set; }

    public DateTimeOffset RoutedAt { get; set; }

    /// <summary>queued, in_progress, done, failed or cancelled.</summary>
    public required string Status { get; set; }

    public string? CompanyUniqueId { get; set; }

    public string? SlotType { get; set; }

    public int? EnrichmentAttempt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>What a finished round found: found or not_found.</summary>
    public string? Result { get; set; }

    public static string BackfillReason(string slotType, int attempt) => $"slot_backfill_{slotType}_attempt_{attempt}";
}
