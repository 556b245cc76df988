namespace Portal.Domain.Backfill.Normalization;

/// <summary>
/// One row of a legacy outreach CSV in the canonical columns of seed 001, exactly as read (every cell a string,
/// possibly blank or garbage). <c>company_name</c> and <c>full_name</c> are the required columns.
/// </summary>
public sealed record LegacyRow
{
    /// <summary><c>company_name</c> (required).</summary>
    public string? CompanyName { get; init; }

    /// <summary><c>company_domain</c>, e.g. acme.com.</summary>
    public string? CompanyDomain { get; init; }

    /// <summary><c>company_website</c>, a URL.</summary>
    public string? CompanyWebsite { get; init; }

    /// <summary><c>full_name</c> (required).</summary>
    public string? FullName { get; init; }

    /// <summary><c>first_name</c>; split from the full name when missing.</summary>
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>; split from the full name when missing.</summary>
    public string? LastName { get; init; }

    /// <summary><c>title</c>, the job title.</summary>
    public string? Title { get; init; }

    /// <summary><c>email</c>; may hold several addresses.</summary>
    public string? Email { get; init; }

    /// <summary><c>phone</c>.</summary>
    public string? Phone { get; init; }

    /// <summary><c>linkedin_url</c>.</summary>
    public string? LinkedInUrl { get; init; }

    /// <summary><c>historical_open_count</c>.</summary>
    public string? HistoricalOpenCount { get; init; }

    /// <summary><c>historical_reply_count</c>.</summary>
    public string? HistoricalReplyCount { get; init; }

    /// <summary><c>historical_meeting_count</c>.</summary>
    public string? HistoricalMeetingCount { get; init; }

    /// <summary><c>last_engaged_at</c>.</summary>
    public string? LastEngagedAt { get; init; }

    /// <summary><c>notes</c>.</summary>
    public string? Notes { get; init; }
}
