namespace Portal.Domain.Companies;

/// <summary>A row of <c>marketing.people_master</c>, with the lock columns that protect human corrections.</summary>
public sealed class Person
{
    public required string UniqueId { get; set; }

    public required string CompanyUniqueId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public required string FullName { get; set; }

    public string? Title { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? LinkedinUrl { get; set; }

    /// <summary>Columns no automated process may overwrite.</summary>
    public List<string> LockedFields { get; set; } = [];

    /// <summary>Field values set by hand, as JSON.</summary>
    public string? ManualOverrides { get; set; }

    public bool ManuallyCorrectedEmail { get; set; }

    public bool ManuallyCorrectedTitle { get; set; }

    public bool ManuallyCorrectedDomain { get; set; }

    public string? NotesInternal { get; set; }

    /// <summary>Slots the title fills (CEO, CFO, HR), as classified from <see cref="ClassifiedTitle"/>.</summary>
    public List<string> SlotTypes { get; set; } = [];

    /// <summary>The title the classification was made from; a differing title is classified again.</summary>
    public string? ClassifiedTitle { get; set; }

    public string? SourceSystem { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
