using System.Globalization;

namespace Portal.Domain.Backfill.Normalization;

/// <summary>
/// Every normalization rule of the legacy backfill (seed 001, "Normalization Rules") as data, so an admin can
/// edit it in the portal and it can be stored as versioned JSON (System.Text.Json round-trips it). A property
/// missing from stored JSON keeps its default; <see cref="Default"/> is the seed's rule set.
/// Word lists are matched case-insensitively and, where noted, ignoring dots ("L.L.C." = "LLC").
/// </summary>
public sealed record NormalizationRules
{
    /// <summary>The seed's rules. Shared and read-only; derive variants with <c>with { … }</c>.</summary>
    public static NormalizationRules Default { get; } = new();

    /// <summary>Legal-form words removed from the end of company names, repeatedly ("Co., Ltd."), dots ignored ("S.A.").</summary>
    public IReadOnlyList<string> CompanySuffixes { get; init; } =
    [
        "Inc", "Incorporated", "LLC", "L.L.C.", "LLP", "LP", "Ltd", "Limited", "Corp", "Corporation",
        "Co", "Company", "Group", "GmbH", "AG", "PLC", "SA", "SAS", "BV", "NV", "Pty", "Pte",
        "PLLC", "SARL", "SRL", "SpA", "KG", "Oy", "AB", "AS", "Ltda",
    ];

    /// <summary>Words left dangling at the end once a suffix is removed ("Smith &amp; Co" → "Smith").</summary>
    public IReadOnlyList<string> CompanySuffixConnectors { get; init; } = ["&", "and", "+"];

    /// <summary>
    /// In company names and titles that are not written entirely in capitals, an all-caps word of at most this
    /// many letters is taken as a deliberate acronym and kept ("IBM Corp" → "IBM", "Head of GTM"). In an
    /// all-caps cell capitals carry no information, so only <see cref="Acronyms"/> stay upper case there.
    /// </summary>
    public int KeepAllCapsWordsUpTo { get; init; } = 4;

    /// <summary>Words kept upper case wherever they appear in titles and company names (dots ignored: "H.R." → "HR").</summary>
    public IReadOnlyList<string> Acronyms { get; init; } =
    [
        "CEO", "CFO", "COO", "CTO", "CMO", "CIO", "CISO", "CRO", "CPO", "CCO", "CDO", "CHRO",
        "VP", "SVP", "EVP", "AVP", "GM", "HR", "HRBP", "HRIS", "IT", "PR", "IR", "QA", "UX", "UI",
        "AI", "ML", "BI", "CRM", "ERP", "SEO", "SDR", "BDR", "GTM", "PMO", "PM", "CPA", "MBA",
        "US", "USA", "UK", "EU", "EMEA", "APAC", "AMER", "NA", "B2B", "B2C",
    ];

    /// <summary>Words written in lower case inside titles and company names unless they come first ("VP of HR").</summary>
    public IReadOnlyList<string> LowercaseWords { get; init; } =
    [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per", "the", "to", "via", "vs", "with",
    ];

    /// <summary>
    /// Title abbreviations, applied before casing. Keys are matched case-insensitively as whole words, any run
    /// of spaces matching any whitespace; values are written as given. The seed's "VP of → VP" and
    /// "Dir of → Director" keep their "of" (its own example is "v.p. of hr operations" → "VP of HR Operations"),
    /// so only the abbreviation itself is a key. Expansion repeats until nothing changes, so abbreviated words inside
    /// a phrase are understood: "Chief Exec. Officer" → "Chief Executive Officer" → "CEO", "Sr. V.P." → "Senior VP" → "SVP".
    /// </summary>
    public IReadOnlyDictionary<string, string> TitleAbbreviations { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["V.P."] = "VP",
        ["V.P"] = "VP",
        ["Vice President"] = "VP",
        ["Vice-President"] = "VP",
        ["Senior Vice President"] = "SVP",
        ["Sr. Vice President"] = "SVP",
        ["Executive Vice President"] = "EVP",
        ["Assistant Vice President"] = "AVP",
        ["S.V.P."] = "SVP",
        ["E.V.P."] = "EVP",
        ["Chief Executive Officer"] = "CEO",
        ["C.E.O."] = "CEO",
        ["C.E.O"] = "CEO",
        ["Chief Financial Officer"] = "CFO",
        ["C.F.O."] = "CFO",
        ["Chief Operating Officer"] = "COO",
        ["Chief Technology Officer"] = "CTO",
        ["Chief Technical Officer"] = "CTO",
        ["Chief Marketing Officer"] = "CMO",
        ["Chief Information Officer"] = "CIO",
        ["Chief Human Resources Officer"] = "CHRO",
        ["Human Resources"] = "HR",
        ["Human Resource"] = "HR",
        ["Dir."] = "Director",
        ["Dir"] = "Director",
        ["Sr."] = "Senior",
        ["Sr"] = "Senior",
        ["Jr."] = "Junior",
        ["Mgr."] = "Manager",
        ["Mgr"] = "Manager",
        ["Asst."] = "Assistant",
        ["Asst"] = "Assistant",
        ["Mktg"] = "Marketing",
        ["Exec."] = "Executive",
        ["Exec"] = "Executive",
        ["Chf."] = "Chief",
        ["Chf"] = "Chief",
        ["Senior VP"] = "SVP",
        ["Executive VP"] = "EVP",
        ["Assistant VP"] = "AVP",
    };

    /// <summary>Honorifics removed from the start of a person's name (dots ignored).</summary>
    public IReadOnlyList<string> PersonPrefixes { get; init; } = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Dame"];

    /// <summary>Generational suffixes and post-nominal letters removed from the end of a person's name (dots ignored).</summary>
    public IReadOnlyList<string> PersonSuffixes { get; init; } = ["Jr", "Sr", "II", "III", "IV", "PhD", "MD", "Esq", "CPA", "MBA", "DDS", "JD"];

    /// <summary>
    /// Surname particles: a particle before the last word belongs to the last name ("Ludwig van Beethoven" → last
    /// "van Beethoven"), and one written in lower case in an otherwise capitalised name stays lower case.
    /// </summary>
    public IReadOnlyList<string> NameParticles { get; init; } = ["van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "dos", "das", "bin", "al"];

    /// <summary>Name prefixes after which the next letter is capitalised ("mcdonald" → "McDonald"). "O'" and "D'" need no entry.</summary>
    public IReadOnlyList<string> NameCapitalizedPrefixes { get; init; } = ["Mc"];

    /// <summary>
    /// Email domains of personal mailboxes: such an address is used only when no work address exists and never
    /// gives a company domain. "name.*" matches the name under any country ending ("gmx.de", "yahoo.co.uk").
    /// </summary>
    public IReadOnlyList<string> PersonalEmailDomains { get; init; } =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.*", "ymail.com", "rocketmail.com", "hotmail.com", "hotmail.*",
        "outlook.com", "outlook.*", "live.com", "live.*", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com",
        "protonmail.com", "proton.me", "pm.me", "gmx.*", "web.de", "mail.com", "yandex.*", "fastmail.com",
        "comcast.net", "att.net", "verizon.net", "sbcglobal.net", "bellsouth.net", "cox.net",
    ];

    /// <summary>Characters separating several email addresses in one cell; whitespace always separates too.</summary>
    public IReadOnlyList<string> EmailSeparators { get; init; } = [",", ";", "|"];

    /// <summary>Host prefixes removed from domains and websites.</summary>
    public IReadOnlyList<string> DomainPrefixesToStrip { get; init; } = ["www."];

    /// <summary>Country code given to a national number of <see cref="PhoneNationalNumberLength"/> digits.</summary>
    public string PhoneDefaultCountryCode { get; init; } = "+1";

    public int PhoneNationalNumberLength { get; init; } = 10;

    public int PhoneMinDigits { get; init; } = 10;

    public int PhoneMaxDigits { get; init; } = 15;

    /// <summary>Words or characters after which the digits of a phone number are its extension ("x12", "ext. 12", "#12").</summary>
    public IReadOnlyList<string> PhoneExtensionMarkers { get; init; } = ["extension", "ext", "x", "#"];

    /// <summary>
    /// Formats accepted for <c>last_engaged_at</c> (invariant culture; no offset means UTC), tried first and in order,
    /// so a format added here wins. Named zones (GMT, UTC, EST, …) are read as their offset before these are tried.
    /// Not listed because they are built in: numeric dates with '/' or '-' (see <see cref="DayFirstSlashDates"/>) and
    /// Unix epoch seconds (9–10 digits) or milliseconds (12–13 digits).
    /// </summary>
    public IReadOnlyList<string> DateFormats { get; init; } =
    [
        // ISO 8601, with an offset as "Z", "+02:00", "+0200" or, as PostgreSQL writes it, "+02".
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFzz", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd",
        "yyyy/M/d", "yyyy/M/d H:mm", "yyyy/M/d H:mm:ss",

        // Day first with dots, as written in most of Europe.
        "d.M.yyyy", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss", "d.M.yy",

        // Month names.
        "d-MMM-yyyy", "d-MMM-yy", "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "MMM d yyyy", "MMMM d yyyy",

        // RFC 2822 (e-mail and HTTP headers).
        "ddd, d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "d MMM yyyy HH:mm:ss zzz",
    ];

    /// <summary>
    /// How a numeric date written with '/' or '-' is read when both of its first two parts could be the month
    /// ("03/04/2021"): false (the default) reads it month first, US style (March 4); true reads it day first (3 April).
    /// A first part above 12 can only be a day, so "13/04/2021" is 13 April whatever this says; likewise a second
    /// part above 12 is the day ("04/13/2021" is 13 April). A format in <see cref="DateFormats"/> is tried before this rule.
    /// </summary>
    public bool DayFirstSlashDates { get; init; }

    /// <summary>Cells longer than this (after trimming) are rejected with a warning; <c>notes</c> is exempt.</summary>
    public int MaxCellLength { get; init; } = 1000;

    /// <summary>Problems that make the rules unusable (empty when they are fine); check before saving an edit.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        CheckWords(problems, nameof(CompanySuffixes), CompanySuffixes);
        CheckWords(problems, nameof(CompanySuffixConnectors), CompanySuffixConnectors);
        CheckWords(problems, nameof(Acronyms), Acronyms);
        CheckWords(problems, nameof(LowercaseWords), LowercaseWords);
        CheckWords(problems, nameof(PersonPrefixes), PersonPrefixes);
        CheckWords(problems, nameof(PersonSuffixes), PersonSuffixes);
        CheckWords(problems, nameof(NameParticles), NameParticles);
        CheckWords(problems, nameof(NameCapitalizedPrefixes), NameCapitalizedPrefixes);
        CheckWords(problems, nameof(PersonalEmailDomains), PersonalEmailDomains);
        CheckWords(problems, nameof(DomainPrefixesToStrip), DomainPrefixesToStrip);
        CheckWords(problems, nameof(PhoneExtensionMarkers), PhoneExtensionMarkers);
        CheckWords(problems, nameof(DateFormats), DateFormats);

        if (TitleAbbreviations is null)
        {
            problems.Add($"{nameof(TitleAbbreviations)} is missing.");
        }
        else
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in TitleAbbreviations)
            {
                if (string.IsNullOrWhiteSpace(key) || value is null)
                {
                    problems.Add($"{nameof(TitleAbbreviations)} has a blank abbreviation or a missing replacement.");
                }
                else if (!keys.Add(RowNormalizer.CollapseSpaces(key)))
                {
                    problems.Add($"{nameof(TitleAbbreviations)} has \"{key}\" twice.");
                }
            }
        }

        if (EmailSeparators is null)
        {
            problems.Add($"{nameof(EmailSeparators)} is missing.");
        }
        else
        {
            foreach (var separator in EmailSeparators)
            {
                if (separator is not { Length: 1 } || char.IsLetterOrDigit(separator[0]) || separator[0] is '@' or '.' or '-' or '_' or '+')
                {
                    problems.Add($"{nameof(EmailSeparators)}: \"{separator}\" must be one character that cannot appear in an address.");
                }
            }
        }

        if (PhoneDefaultCountryCode is not { Length: >= 2 and <= 4 } code || code[0] != '+' || code.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            problems.Add($"{nameof(PhoneDefaultCountryCode)} must be '+' and 1 to 3 digits.");
        }

        if (PhoneMinDigits < 1 || PhoneMinDigits > PhoneMaxDigits || PhoneMaxDigits > RowNormalizer.MaxPhoneDigits)
        {
            problems.Add($"Phone digits must satisfy 1 ≤ {nameof(PhoneMinDigits)} ≤ {nameof(PhoneMaxDigits)} ≤ {RowNormalizer.MaxPhoneDigits}.");
        }

        if (PhoneNationalNumberLength < 1 || PhoneNationalNumberLength > RowNormalizer.MaxPhoneDigits)
        {
            problems.Add($"{nameof(PhoneNationalNumberLength)} must be between 1 and {RowNormalizer.MaxPhoneDigits}.");
        }

        if (MaxCellLength < 1)
        {
            problems.Add($"{nameof(MaxCellLength)} must be positive.");
        }

        if (KeepAllCapsWordsUpTo < 0)
        {
            problems.Add($"{nameof(KeepAllCapsWordsUpTo)} must not be negative.");
        }

        foreach (var format in DateFormats ?? [])
        {
            if (!string.IsNullOrWhiteSpace(format) && !IsUsableDateFormat(format))
            {
                problems.Add($"{nameof(DateFormats)}: \"{format}\" is not a valid date format.");
            }
        }

        return problems;
    }

    private static void CheckWords(List<string> problems, string name, IReadOnlyList<string>? words)
    {
        if (words is null)
        {
            problems.Add($"{name} is missing.");
            return;
        }

        foreach (var word in words)
        {
            if (string.IsNullOrWhiteSpace(word))
            {
                problems.Add($"{name} has a blank entry.");
                return;
            }
        }
    }

    private static bool IsUsableDateFormat(string format)
    {
        try
        {
            var sample = new DateTimeOffset(2024, 3, 5, 14, 7, 9, TimeSpan.Zero);
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
