namespace Portal.Domain.Slots;

/// <summary>A row of <c>marketing.company_slot</c>: one leadership slot of one company.</summary>
public sealed class CompanySlot
{
    public long CompanySlotId { get; set; }

    public required string CompanyUniqueId { get; set; }

    public required string SlotType { get; set; }

    public string? PersonUniqueId { get; set; }

    public bool IsFilled { get; set; }

    public required string Status { get; set; }

    /// <summary>Finished enrichment rounds that found nobody since the slot was last filled.</summary>
    public int EnrichmentAttempts { get; set; }

    public int CandidateCount { get; set; }

    /// <summary>Enrichment rounds finished after this moment count towards <see cref="EnrichmentAttempts"/>.</summary>
    public DateTimeOffset AttemptsSince { get; set; }

    public DateTimeOffset? FilledAt { get; set; }

    public long? LastChangedByRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
