using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.Backfill.Normalization;

/// <summary>
/// Normalizes legacy outreach CSV cells by the <see cref="NormalizationRules"/> it was built with (seed 001,
/// "Normalization Rules"). Pure and thread-safe: build one per rules version and share it across rows and
/// threads; everything derived from the rules (lookups, the title pattern) is prepared once here.
/// No method throws on bad input: an unusable cell gives a null value and a warning.
/// </summary>
public sealed partial class RowNormalizer
{
    internal const int MaxPhoneDigits = 20;
    private const int WarningSnippetLength = 40;
    private const int StackBufferLength = 256;
    private const int MaxAbbreviationPasses = 4;

    /// <summary>Zone names of RFC 2822 (and "UTC"), read as their offsets.</summary>
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> NamedZones =
        new Dictionary<string, string>
        {
            ["GMT"] = "+00:00", ["UTC"] = "+00:00", ["UT"] = "+00:00",
            ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
            ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly string[] MonthFirstNumericFormats = NumericDateFormats("M", "d");
    private static readonly string[] DayFirstNumericFormats = NumericDateFormats("d", "M");

    private readonly NormalizationRules _rules;
    private readonly WordSet _companySuffixes;
    private readonly WordSet _companyConnectors;
    private readonly WordSet _acronyms;
    private readonly WordSet _lowercaseWords;
    private readonly WordSet _personPrefixes;
    private readonly WordSet _personSuffixes;
    private readonly WordSet _particles;
    private readonly string[] _namePrefixes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _personalDomains;
    private readonly string[] _personalDomainWildcards;
    private readonly string[] _domainPrefixes;
    private readonly SearchValues<char> _emailSeparators;
    private readonly string[] _extensionMarkers;
    private readonly string _countryCodeDigits;
    private readonly string[] _dateFormats;
    private readonly FrozenDictionary<string, string> _titleAbbreviations;
    private readonly Regex? _titleAbbreviationPattern;
    private readonly MatchEvaluator _expandTitleAbbreviation;

    public RowNormalizer(NormalizationRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var problems = rules.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Unusable normalization rules: " + string.Join(" ", problems), nameof(rules));
        }

        _rules = rules;
        _companySuffixes = new WordSet(rules.CompanySuffixes, ignoreDots: true);
        _companyConnectors = new WordSet(rules.CompanySuffixConnectors, ignoreDots: false);
        _acronyms = new WordSet(rules.Acronyms, ignoreDots: true);
        _lowercaseWords = new WordSet(rules.LowercaseWords, ignoreDots: false);
        _personPrefixes = new WordSet(rules.PersonPrefixes, ignoreDots: true);
        _personSuffixes = new WordSet(rules.PersonSuffixes, ignoreDots: true);
        _particles = new WordSet(rules.NameParticles, ignoreDots: false);
        _namePrefixes = [.. rules.NameCapitalizedPrefixes.Select(p => p.Trim())];

        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var wildcards = new List<string>();
        foreach (var entry in rules.PersonalEmailDomains)
        {
            var domain = entry.Trim();
            if (domain.EndsWith(".*", StringComparison.Ordinal))
            {
                wildcards.Add(domain[..^1]);
            }
            else
            {
                exact.Add(domain);
            }
        }

        _personalDomains = exact.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _personalDomainWildcards = [.. wildcards];
        _domainPrefixes = [.. rules.DomainPrefixesToStrip.Select(p => p.Trim())];
        _emailSeparators = SearchValues.Create(string.Concat(rules.EmailSeparators) + " \t\r\n\u00A0");
        _extensionMarkers = [.. rules.PhoneExtensionMarkers.Select(m => m.Trim()).OrderByDescending(m => m.Length)];
        _countryCodeDigits = rules.PhoneDefaultCountryCode[1..];
        _dateFormats = [.. rules.DateFormats];

        var abbreviations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in rules.TitleAbbreviations)
        {
            abbreviations[CollapseSpaces(key)] = value;
        }

        _titleAbbreviations = abbreviations.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _titleAbbreviationPattern = BuildAbbreviationPattern(abbreviations.Keys);
        _expandTitleAbbreviation = match =>
            _titleAbbreviations.TryGetValue(CollapseSpaces(match.Value), out var replacement) ? replacement : match.Value;
    }

    public NormalizationRules Rules => _rules;

    /// <summary>Whether an address is at a personal mailbox provider (the rules' <see cref="NormalizationRules.PersonalEmailDomains"/>).</summary>
    public bool IsPersonalEmail(string address) => address is not null && address.Contains('@', StringComparison.Ordinal) && IsPersonalAddress(address.AsSpan().Trim());

    /// <summary>Every column of a legacy row, with the warnings of all of them prefixed by their column name.</summary>
    public NormalizedRow Row(LegacyRow raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        List<string>? warnings = null;

        var company = Collect(CompanyName(raw.CompanyName), "company_name", ref warnings);
        var email = Email(raw.Email);
        Note(email.Warning, "email", ref warnings);
        var domain = Collect(DomainCore(raw.CompanyDomain, raw.CompanyWebsite, email), "company_domain", ref warnings);
        var name = PersonName(raw.FullName, raw.FirstName, raw.LastName);
        Note(name.Warning, "full_name", ref warnings);
        var title = Collect(Title(raw.Title), "title", ref warnings);
        var phone = Phone(raw.Phone);
        Note(phone.Warning, "phone", ref warnings);
        var linkedIn = Collect(LinkedInUrl(raw.LinkedInUrl), "linkedin_url", ref warnings);
        var opens = Collect(Count(raw.HistoricalOpenCount), "historical_open_count", ref warnings);
        var replies = Collect(Count(raw.HistoricalReplyCount), "historical_reply_count", ref warnings);
        var meetings = Collect(Count(raw.HistoricalMeetingCount), "historical_meeting_count", ref warnings);
        var lastEngaged = Collect(Date(raw.LastEngagedAt), "last_engaged_at", ref warnings);

        return new NormalizedRow
        {
            CompanyName = company,
            CompanyDomain = domain,
            FullName = name.FullName,
            FirstName = name.FirstName,
            LastName = name.LastName,
            Title = title,
            Email = email.Value,
            AlternateEmails = email.Alternates,
            EmailIsPersonal = email.IsPersonal,
            Phone = phone.Value,
            PhoneExtension = phone.Extension,
            LinkedInUrl = linkedIn,
            HistoricalOpenCount = opens,
            HistoricalReplyCount = replies,
            HistoricalMeetingCount = meetings,
            LastEngagedAt = lastEngaged,
            Notes = string.IsNullOrWhiteSpace(raw.Notes) ? null : raw.Notes.Trim(),
            Warnings = warnings is null ? [] : warnings,
        };
    }

    /// <summary>
    /// A historical count (opens, replies, meetings): a non-negative whole number. "1,234" and "3.0" are read;
    /// blank is null without a warning; negative, fractional or non-numeric is null with a warning.
    /// </summary>
    public NormalizedValue<int?> Count(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, warning);
        }

        int count;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var whole))
        {
            count = whole;
        }
        else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            count = (int)number;
        }
        else
        {
            return new(null, $"{Quote(text)} is not a whole number");
        }

        return count < 0 ? new(null, $"{Quote(text)} is negative") : new(count, null);
    }

    /// <summary>
    /// A date such as <c>last_engaged_at</c>, in UTC (no offset means UTC). Read, in this order: the
    /// <see cref="NormalizationRules.DateFormats"/> (ISO 8601, "2021/3/4", "4.3.2021", "4-Mar-2021", "March 4, 2021",
    /// RFC 2822), also after a named zone ("GMT", "EST") is replaced by its offset; numeric dates with '/' or '-'
    /// ("3/4/2021", "03-04-21"), month or day first by <see cref="NormalizationRules.DayFirstSlashDates"/> unless a
    /// part above 12 settles it; Unix epoch seconds (9–10 digits) or milliseconds (12–13 digits). Blank is null
    /// without a warning; anything else unreadable is null with a warning naming it.
    /// </summary>
    public NormalizedValue<DateTimeOffset?> Date(string? value)
    {
        var text = Cell(value, out var warning);
        if (text.IsEmpty)
        {
            return new(null, warning);
        }

        if (TryParseDate(text, _dateFormats, out var date) || TryNamedZoneDate(text, out date) || TryNumericDate(text, out date) || TryEpoch(text, out date))
        {
            return new(date, null);
        }

        return new(null, $"{Quote(text)} is not a recognised date");
    }

    /// <summary>Title abbreviations expanded until nothing changes (bounded, in case edited rules expand in a cycle).</summary>
    private string ExpandTitleAbbreviations(string text)
    {
        for (var pass = 0; pass < MaxAbbreviationPasses; pass++)
        {
            var expanded = _titleAbbreviationPattern!.Replace(text, _expandTitleAbbreviation);
            if (string.Equals(expanded, text, StringComparison.Ordinal))
            {
                break;
            }

            text = expanded;
        }

        return text;
    }

    /// <summary>Lower case, runs of whitespace as one space, trimmed: the form title abbreviations are compared in.</summary>
    internal static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static bool TryParseDate(ReadOnlySpan<char> text, string[] formats, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>"Thu, 04 Mar 2021 10:00:00 GMT": the formats again with the zone name written as its offset.</summary>
    private bool TryNamedZoneDate(ReadOnlySpan<char> text, out DateTimeOffset date)
    {
        date = default;
        var space = text.LastIndexOf(' ');
        if (space < 0 || !NamedZones.TryGetValue(text[(space + 1)..], out var offset))
        {
            return false;
        }

        return TryParseDate(string.Concat(text[..space], " ", offset), _dateFormats, out date);
    }

    /// <summary>
    /// "3/4/2021", "03-04-21" (with an optional time): month first unless the rules say day first; a first part
    /// above 12 is always the day, and so is a second part above 12.
    /// </summary>
    private bool TryNumericDate(ReadOnlySpan<char> text, out DateTimeOffset date)
    {
        date = default;
        var firstEnd = text.IndexOfAny('/', '-');
        if (firstEnd is < 1 or > 2 || !int.TryParse(text[..firstEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return false;
        }

        var rest = text[(firstEnd + 1)..];
        var secondEnd = rest.IndexOf(text[firstEnd]);
        if (secondEnd is < 1 or > 2 || !int.TryParse(rest[..secondEnd], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
        {
            return false;
        }

        var dayFirst = first > 12 || (second <= 12 && _rules.DayFirstSlashDates);
        return TryParseDate(text, dayFirst ? DayFirstNumericFormats : MonthFirstNumericFormats, out date);
    }

    /// <summary>Unix time: 9–10 digits are seconds (1973–2286), 12–13 digits milliseconds.</summary>
    private static bool TryEpoch(ReadOnlySpan<char> text, out DateTimeOffset date)
    {
        date = default;
        if (text.ContainsAnyExceptInRange('0', '9') || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        switch (text.Length)
        {
            case 9 or 10:
                date = DateTimeOffset.FromUnixTimeSeconds(number);
                return true;
            case 12 or 13:
                date = DateTimeOffset.FromUnixTimeMilliseconds(number);
                return true;
            default:
                return false;
        }
    }

    /// <summary>"M/d/yyyy" and its variants (dash, two-digit year, 24- or 12-hour time) in the given part order.</summary>
    private static string[] NumericDateFormats(string first, string second)
    {
        ReadOnlySpan<string> separators = ["'/'", "'-'"];
        ReadOnlySpan<string> years = ["yyyy", "yy"];
        ReadOnlySpan<string> times = ["", " H:mm", " H:mm:ss", " h:mm tt", " h:mm:ss tt"];
        var formats = new List<string>(separators.Length * years.Length * times.Length);
        foreach (var separator in separators)
        {
            foreach (var year in years)
            {
                foreach (var time in times)
                {
                    formats.Add(first + separator + second + separator + year + time);
                }
            }
        }

        return [.. formats];
    }

    /// <summary>The trimmed cell; empty when blank, or (with a warning) when longer than the rules allow.</summary>
    private ReadOnlySpan<char> Cell(string? value, out string? warning)
    {
        warning = null;
        if (value is null)
        {
            return default;
        }

        var text = value.AsSpan().Trim();
        if (text.Length > _rules.MaxCellLength)
        {
            warning = $"value of {text.Length:N0} characters is longer than the {_rules.MaxCellLength:N0} allowed";
            return default;
        }

        return text;
    }

    /// <summary>A short quoted excerpt of a bad value for a warning (cells can be huge).</summary>
    private static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= WarningSnippetLength ? $"\"{text}\"" : $"\"{text[..WarningSnippetLength]}…\"";

    private static string Join(string? first, string second) => first is null ? second : first + "; " + second;

    private static T? Collect<T>(NormalizedValue<T> result, string column, ref List<string>? warnings)
    {
        Note(result.Warning, column, ref warnings);
        return result.Value;
    }

    private static void Note(string? warning, string column, ref List<string>? warnings)
    {
        if (warning is not null)
        {
            (warnings ??= []).Add($"{column}: {warning}");
        }
    }

    private static bool HasLower(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasUpper(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsUpper(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One pattern for all abbreviations, longest first, matched as whole words; built once per rules.</summary>
    private static Regex? BuildAbbreviationPattern(IEnumerable<string> keys)
    {
        var alternatives = keys
            .OrderByDescending(k => k.Length)
            .ThenBy(k => k, StringComparer.Ordinal)
            .Select(k => string.Join(@"\s+", k.Split(' ').Select(Regex.Escape)))
            .ToList();
        if (alternatives.Count == 0)
        {
            return null;
        }

        var pattern = @"(?<![\p{L}\p{N}])(?:" + string.Join("|", alternatives) + @")(?![\p{L}\p{N}])";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }
}
