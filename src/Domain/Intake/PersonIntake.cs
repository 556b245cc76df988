namespace Portal.Domain.Intake;

/// <summary>
/// A row of <c>intake.people_raw_intake</c>: a person on the way in, or (source <c>slot_backfill</c>) a request
/// to find the person for an open slot.
/// </summary>
public sealed class PersonIntake
{
    public const string SlotBackfillSource = "slot_backfill";

    public long Id { get; set; }

    public required string CompanyUniqueId { get; set; }

    public string? CompanyName { get; set; }

    public required string SourceSystem { get; set; }

    public string? SlotType { get; set; }

    public string? BackfillSource { get; set; }

    public int? EnrichmentAttempt { get; set; }

    public bool Validated { get; set; }

    public string? FullName { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? LinkedinUrl { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
