namespace Portal.Domain.Backfill.Normalization;

/// <summary>
/// A normalized cell: the value (null when blank or unusable) and what was wrong with the input, if anything.
/// For value types use the nullable form (<c>NormalizedValue&lt;int?&gt;</c>) so that "no value" is null, not 0.
/// </summary>
public sealed record NormalizedValue<T>(T? Value, string? Warning);

/// <summary>
/// A normalized email cell: the preferred address (the first work address, else the first personal one),
/// the other valid addresses in the order given, and whether the preferred one is a personal mailbox.
/// </summary>
public sealed record NormalizedEmail(string? Value, IReadOnlyList<string> Alternates, bool IsPersonal, string? Warning);

/// <summary>A normalized phone cell: the number in E.164 and its extension (digits only), each null when absent.</summary>
public sealed record NormalizedPhone(string? Value, string? Extension, string? Warning);

/// <summary>A normalized person name: the full name without honorifics or suffixes, and its first and last name.</summary>
public sealed record NormalizedPersonName(string? FullName, string? FirstName, string? LastName, string? Warning);

/// <summary>
/// A legacy row after normalization. Values that were blank or unusable are null; every problem found is in
/// <see cref="Warnings"/>, prefixed with the canonical column name ("email: …"), so nothing is dropped silently.
/// </summary>
public sealed record NormalizedRow
{
    public string? CompanyName { get; init; }

    /// <summary>From company_domain, else company_website, else the work email's domain.</summary>
    public string? CompanyDomain { get; init; }

    public string? FullName { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Title { get; init; }

    public string? Email { get; init; }

    public IReadOnlyList<string> AlternateEmails { get; init; } = [];

    public bool EmailIsPersonal { get; init; }

    /// <summary>E.164, e.g. +15551234567.</summary>
    public string? Phone { get; init; }

    /// <summary>The extension written after the phone number ("x123", "ext. 123"), digits only.</summary>
    public string? PhoneExtension { get; init; }

    /// <summary>https://www.linkedin.com/… in lower case, without query or trailing slash.</summary>
    public string? LinkedInUrl { get; init; }

    public int? HistoricalOpenCount { get; init; }

    public int? HistoricalReplyCount { get; init; }

    public int? HistoricalMeetingCount { get; init; }

    /// <summary>In UTC.</summary>
    public DateTimeOffset? LastEngagedAt { get; init; }

    public string? Notes { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
