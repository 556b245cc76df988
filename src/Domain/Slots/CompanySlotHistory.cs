namespace Portal.Domain.Slots;

/// <summary>Every change of a slot's status, person or attempts, with the run that made it.</summary>
public sealed class CompanySlotHistory
{
    public long Id { get; set; }

    public required string CompanyUniqueId { get; set; }

    public required string SlotType { get; set; }

    public required string Status { get; set; }

    public string? PersonUniqueId { get; set; }

    public int EnrichmentAttempts { get; set; }

    public long? RunId { get; set; }

    public DateTimeOffset ChangedAt { get; set; }
}
