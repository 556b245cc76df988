using System.Collections.Frozen;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The canonical columns of seed 001 and the header spellings legacy exports use for them. Headers are compared
/// by their letters and digits only, in lower case, so case, spaces, underscores, hyphens and a BOM do not matter
/// ("E-mail" = "email", "Company Name" = "company_name").
/// </summary>
public static class LegacyColumns
{
    public const string CompanyName = "company_name";
    public const string CompanyDomain = "company_domain";
    public const string CompanyWebsite = "company_website";
    // The person columns are named as the person's fields they fill.
    public const string FullName = PersonFields.FullName;
    public const string FirstName = PersonFields.FirstName;
    public const string LastName = PersonFields.LastName;
    public const string Title = PersonFields.Title;
    public const string Email = PersonFields.Email;
    public const string Phone = PersonFields.Phone;
    public const string LinkedInUrl = PersonFields.LinkedInUrl;
    public const string HistoricalOpenCount = "historical_open_count";
    public const string HistoricalReplyCount = "historical_reply_count";
    public const string HistoricalMeetingCount = "historical_meeting_count";
    public const string LastEngagedAt = "last_engaged_at";
    public const string Notes = "notes";

    public static IReadOnlyList<string> All { get; } =
    [
        CompanyName, CompanyDomain, CompanyWebsite, FullName, FirstName, LastName, Title, Email, Phone, LinkedInUrl,
        HistoricalOpenCount, HistoricalReplyCount, HistoricalMeetingCount, LastEngagedAt, Notes,
    ];

    public static IReadOnlyList<string> Required { get; } = [CompanyName, FullName];

    /// <summary>Every accepted header spelling (already in the compared form) and its canonical column.</summary>
    private static readonly FrozenDictionary<string, string> Aliases = BuildAliases();

    /// <summary>The canonical column a header names, or null when it is not one of them.</summary>
    public static string? Canonical(string? header)
    {
        var key = Key(header);
        return key.Length > 0 && Aliases.TryGetValue(key, out var column) ? column : null;
    }

    /// <summary>A header cell as shown and as keyed in a column map: without a BOM and surrounding spaces.</summary>
    public static string Display(string header) => header.Trim('\uFEFF', ' ');

    /// <summary>Builds a legacy row from the cells of the mapped columns (index = position in the record).</summary>
    public static LegacyRow ToRow(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(cells);
        string? Get(string column) => columns.TryGetValue(column, out var i) && i < cells.Count ? cells[i] : null;
        return new LegacyRow
        {
            CompanyName = Get(CompanyName),
            CompanyDomain = Get(CompanyDomain),
            CompanyWebsite = Get(CompanyWebsite),
            FullName = Get(FullName),
            FirstName = Get(FirstName),
            LastName = Get(LastName),
            Title = Get(Title),
            Email = Get(Email),
            Phone = Get(Phone),
            LinkedInUrl = Get(LinkedInUrl),
            HistoricalOpenCount = Get(HistoricalOpenCount),
            HistoricalReplyCount = Get(HistoricalReplyCount),
            HistoricalMeetingCount = Get(HistoricalMeetingCount),
            LastEngagedAt = Get(LastEngagedAt),
            Notes = Get(Notes),
        };
    }

    /// <summary>A row from its logged form (backfill_log.source_data.row: canonical column → cell).</summary>
    public static LegacyRow FromLogged(System.Text.Json.Nodes.JsonObject row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ToRow(Positions, All.Select(c => (string?)row[c] ?? "").ToList());
    }

    private static readonly FrozenDictionary<string, int> Positions = All.Select((c, i) => (c, i)).ToFrozenDictionary(x => x.c, x => x.i, StringComparer.Ordinal);

    private static string Key(string? header)
    {
        if (header is null)
        {
            return "";
        }

        Span<char> buffer = header.Length <= 256 ? stackalloc char[header.Length] : new char[header.Length];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return buffer[..length].ToString();
    }

    private static FrozenDictionary<string, string> BuildAliases()
    {
        var spellings = new Dictionary<string, string[]>
        {
            [CompanyName] = ["company", "company name", "organization", "organisation", "org", "account", "account name", "employer", "business name"],
            [CompanyDomain] = ["domain", "company domain", "email domain", "web domain"],
            [CompanyWebsite] = ["website", "url", "web", "web site", "site", "company url", "homepage", "website url"],
            [FullName] = ["name", "full name", "contact", "contact name", "person", "person name"],
            [FirstName] = ["first", "first name", "given name", "forename", "fname"],
            [LastName] = ["last", "last name", "surname", "family name", "lname"],
            [Title] = ["job title", "position", "role", "job role", "designation"],
            [Email] = ["email address", "e-mail", "e-mail address", "emails", "email addresses", "work email", "mail"],
            [Phone] = ["phone number", "telephone", "tel", "mobile", "phone no", "direct phone", "work phone"],
            [LinkedInUrl] = ["linkedin", "linkedin url", "linkedin profile", "linkedin_profile", "linkedin profile url", "li url"],
            [HistoricalOpenCount] = ["opens", "open count", "email opens", "historical opens", "open"],
            [HistoricalReplyCount] = ["replies", "reply count", "email replies", "historical replies", "reply"],
            [HistoricalMeetingCount] = ["meetings", "meeting count", "meetings booked", "historical meetings", "meeting"],
            [LastEngagedAt] = ["last engaged", "last engagement", "last activity", "last contacted", "last touch", "last engaged date"],
            [Notes] = ["note", "comments", "comment", "remarks"],
        };
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in All)
        {
            aliases[Key(column)] = column;
        }

        foreach (var (column, names) in spellings)
        {
            foreach (var name in names)
            {
                aliases.TryAdd(Key(name), column);
            }
        }

        return aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
