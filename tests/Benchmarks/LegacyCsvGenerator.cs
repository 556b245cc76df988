using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Benchmarks;

/// <summary>
/// A seeded world of existing companies and people, and a messy legacy CSV (seed 001's columns) about it with the
/// ground truth of every row (<see cref="RowTruth"/>): its kind, the company it belongs to and the existing person it
/// should match, <c>new</c>, <c>review</c>, <c>duplicate</c> (an exact copy of an earlier row) or <c>malformed</c>.
/// The messiness is every kind seed 001 lists: company suffixes and casing, websites instead of domains (or only an
/// email to take the domain from), name prefixes and suffixes, title abbreviations, several emails per cell (work
/// and personal), phone formats, typos in names (only a fuzzy match finds those people), exact duplicates and
/// malformed rows; and the merge policy's cases: blank company names with a domain, "The"/"(The)"/"&amp;"/accent
/// variants, near-miss companies, thin names, worse values offered for existing people, more date and phone formats,
/// and problem cells (bad bytes, NUL, overlong, formulas). The same seed and sizes always give the same bytes.
/// </summary>
internal sealed class LegacyCsvGenerator
{
    public const string New = "new";
    public const string Review = "review";
    public const string Duplicate = "duplicate";
    public const string Malformed = "malformed";

    // Row kinds, in the order the benchmark prints them.
    public const string Existing = "existing person";
    public const string NewKind = "new person";
    public const string BlankCompany = "blank company, domain";
    public const string CompanyVariant = "company name variant";
    public const string NearMiss = "near-miss company";
    public const string WeakName = "weak name";
    public const string WorseValues = "worse values, LinkedIn";
    public const string Formats = "date and phone formats";
    public const string BadBytes = "bad bytes";
    public const string Nul = "NUL";
    public const string Overlong = "overlong cell";
    public const string Formula = "formula";

    public static readonly string[] Kinds = [Existing, NewKind, BlankCompany, CompanyVariant, NearMiss, WeakName, WorseValues, Formats, BadBytes, Nul, Overlong, Formula, Duplicate, Malformed];

    /// <summary>
    /// Kinds whose cells are all well-formed and complete: the import should not warn about them. A blank company name
    /// or a first name only (blank company, weak name, some worse-values rows) is a missing value it rightly warns about.
    /// </summary>
    public static readonly string[] CleanKinds = [Existing, NewKind, CompanyVariant, NearMiss, Formats];

    /// <summary>Kinds with a cell the import should flag.</summary>
    public static readonly string[] ProblemKinds = [BadBytes, Nul, Overlong, Formula];

    public const string Header = "company_name,company_domain,company_website,full_name,first_name,last_name,title,email,phone,linkedin_url," +
                                 "historical_open_count,historical_reply_count,historical_meeting_count,last_engaged_at,notes";

    private static readonly string[] Syllables =
    [
        "ac", "al", "an", "ar", "bel", "bri", "cam", "cor", "dal", "den", "dro", "el", "fal", "fen", "gal", "gor", "hal", "har", "ix", "jen",
        "kal", "kor", "lan", "lum", "mar", "mer", "nor", "nov", "or", "pax", "pel", "qui", "ral", "ren", "sol", "sten", "tar", "tek", "ul", "val",
        "ven", "wex", "xan", "yor", "zan", "zel", "tri", "vor", "lex", "mon",
    ];

    // Companies the master does not know are named from other syllables: a new company that happened to be named like
    // an existing one would be a duplicate the matcher is right to find, and the ground truth would call it wrong.
    private static readonly string[] NewSyllables =
    [
        "qua", "bry", "phe", "thi", "whi", "sko", "gly", "vry", "chu", "dwe", "fja", "gno", "hue", "kry", "mbo", "nye", "psa", "rho", "sza", "tzu",
    ];

    // Common trailing words: the names a prefix/suffix blocking key lumps together.
    private static readonly string[] Industries =
    [
        "Systems", "Solutions", "Technologies", "Partners", "Holdings", "Labs", "Logistics", "Consulting", "Services", "Analytics",
        "Media", "Health", "Capital", "Foods", "Energy", "Networks", "Software", "Industries", "Ventures", "Communications",
    ];

    private static readonly string[] LegalSuffixes = ["Inc", "LLC", "Corp", "Corporation", "Group", "Ltd", "Company", "Inc.", "Co"];

    private static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth", "Richard", "Barbara", "Joseph",
        "Susan", "Thomas", "Jessica", "Charles", "Sarah", "Christopher", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty",
        "Mark", "Margaret", "Donald", "Sandra", "Steven", "Ashley", "Andrew", "Kimberly", "Joshua", "Emily", "Kenneth", "Donna", "Kevin",
        "Michelle", "Brian", "Carol", "George", "Amanda", "Timothy", "Melissa", "Ronald", "Deborah", "Jason", "Stephanie", "Edward", "Rebecca",
        "Jeffrey", "Sharon", "Ryan", "Laura", "Jacob", "Cynthia", "Gary", "Kathleen", "Nicholas", "Amy", "Eric", "Angela", "Jonathan", "Shirley",
        "Stephen", "Anna", "Larry", "Brenda", "Justin", "Pamela", "Scott", "Emma", "Brandon", "Nicole", "Benjamin", "Helen", "Samuel", "Samantha",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez",
        "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
        "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
        "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
        "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz",
        "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks",
        "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers",
        "Long", "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson",
        "Barnes", "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham", "Reynolds",
        "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens",
        "Murray", "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells", "Vargas",
    ];

    // What the master holds, and the ways a legacy file wrote the same title.
    private static readonly (string Master, string[] Legacy)[] Titles =
    [
        ("CEO", ["CEO", "Chief Executive Officer", "C.E.O.", "ceo"]),
        ("CFO", ["CFO", "Chief Financial Officer", "cfo"]),
        ("VP of Sales", ["VP of Sales", "v.p. of sales", "Vice President of Sales", "VP Sales"]),
        ("VP HR", ["VP HR", "HR VP", "vp hr", "V.P. HR"]),
        ("Director of Marketing", ["Director of Marketing", "Dir. of Marketing", "dir of marketing"]),
        ("HR Lead", ["HR Lead", "hr lead", "HR Manager"]),
        ("Software Engineer", ["Software Engineer", "software engineer", "Sr. Software Engineer"]),
        ("Account Executive", ["Account Executive", "account executive", "AE"]),
        ("COO", ["COO", "Chief Operating Officer"]),
        ("Office Manager", ["Office Manager", "office mgr"]),
    ];

    // Written in Windows-1252 by the bad-bytes rows: not valid UTF-8.
    private static readonly string[] Windows1252Names = ["M\u00FCller", "Pe\u00F1a", "St\u00E5hl", "G\u00F3mez", "Fran\u00E7ois"];

    private static readonly string[] Formulas = ["=1+2", "=HYPERLINK(\"http://example.test\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1,2)", "-2+3"];

    private static readonly string[] DateFormats = ["03/04/2021", "4-Mar-2021", "March 4, 2021", "1614816000"];

    public static readonly string[] PersonalDomains = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"];
    private static readonly string[] Prefixes = ["Mr.", "Ms.", "Dr.", "Mrs.", "Prof."];
    private static readonly string[] NameSuffixes = ["Jr.", "Sr.", "III", "PhD"];

    private readonly int seed;
    private readonly HashSet<string> domains = new(StringComparer.Ordinal);

    public LegacyCsvGenerator(int seed, int people)
    {
        this.seed = seed;
        var random = new Random(seed);
        var companyCount = Math.Max(1, people / 5);
        Companies = new WorldCompany[companyCount];
        for (var i = 0; i < companyCount; i++)
        {
            Companies[i] = NewCompany(random, $"BC-{i + 1}", Syllables);
        }

        People = new WorldPerson[people];
        var emails = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < people; i++)
        {
            var company = i < companyCount ? i : random.Next(companyCount); // every company has someone
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var id = $"BP-{i + 1}";
            var title = Titles[random.Next(Titles.Length)].Master;
            var email = $"{first}.{last}{(i % 7 == 0 ? (i % 100).ToString(CultureInfo.InvariantCulture) : "")}@{Companies[company].Domain}".ToLowerInvariant();
            if (!emails.Add(email))
            {
                // The master holds one person per email within a company: namesakes at a company get their own.
                email = $"{first}.{last}.{i + 1}@{Companies[company].Domain}".ToLowerInvariant();
                emails.Add(email);
            }

            People[i] = new WorldPerson(
                id,
                company,
                first,
                last,
                title,
                email,
                random.Next(10) < 7 ? $"+1{random.Next(200, 999)}{random.Next(100, 999)}{random.Next(1000, 9999)}" : null,
                random.Next(10) < 6 ? $"https://www.linkedin.com/in/{first.ToLowerInvariant()}-{last.ToLowerInvariant()}-{i + 1:x}" : null,
                random.Next(100) < 3 ? (random.Next(2) == 0 ? ["title"] : ["phone", "email"]) : []);
        }
    }

    public WorldCompany[] Companies { get; }

    public WorldPerson[] People { get; }

    /// <summary>Whether a company id is one of the seeded world's (else the import created it).</summary>
    public static bool IsWorldCompany(string id) => id.StartsWith("BC-", StringComparison.Ordinal);

    /// <summary>Writes the existing companies and people with binary COPY.</summary>
    public async Task SeedAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY marketing.company_master (company_unique_id, company_name, domain, website_url) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var company in Companies)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(company.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(company.MasterName, NpgsqlDbType.Text);
                await writer.WriteAsync(company.Domain, NpgsqlDbType.Text);
                await writer.WriteAsync($"https://www.{company.Domain}", NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY marketing.people_master (unique_id, company_unique_id, first_name, last_name, full_name, title, email, phone, linkedin_url, locked_fields, source_system) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var person in People)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(person.Id, NpgsqlDbType.Text);
                await writer.WriteAsync(Companies[person.Company].Id, NpgsqlDbType.Text);
                await writer.WriteAsync(person.First, NpgsqlDbType.Text);
                await writer.WriteAsync(person.Last, NpgsqlDbType.Text);
                await writer.WriteAsync($"{person.First} {person.Last}", NpgsqlDbType.Text);
                await writer.WriteAsync(person.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(person.Email, NpgsqlDbType.Text);
                await WriteOrNullAsync(writer, person.Phone);
                await WriteOrNullAsync(writer, person.LinkedIn);
                await writer.WriteAsync(person.LockedFields, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Text);
            }

            await writer.CompleteAsync();
        }
    }

    /// <summary>Writes the CSV and returns the ground truth per data row (index 0 is row 1).</summary>
    public RowTruth[] WriteCsv(string path, int rows)
    {
        var random = new Random(seed + 1);
        var truth = new RowTruth[rows];
        var written = new List<string>(Math.Min(rows, 100_000));
        using var output = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        output.Write(Header);
        output.Write('\n');
        var cells = new string?[15];
        for (var r = 0; r < rows; r++)
        {
            var kind = random.Next(100);
            string line;
            if (kind < 4 && written.Count > 0)
            {
                line = written[random.Next(written.Count)];
                truth[r] = new RowTruth(Duplicate, "", Duplicate, false);
            }
            else if (kind < 6)
            {
                line = MalformedLine(random, r);
                truth[r] = new RowTruth(Malformed, "", Malformed, false);
            }
            else
            {
                Array.Clear(cells);
                Engagement(random, cells);
                truth[r] = kind switch
                {
                    < 9 => ExistingPerson(random, cells, BlankCompany),
                    < 12 => ExistingPerson(random, cells, CompanyVariant),
                    < 15 => NearMissCompany(random, cells, r),
                    < 18 => WeakNameRow(random, cells),
                    < 21 => WorseValuesRow(random, cells),
                    < 24 => FormatsRow(random, cells, r),
                    < 25 => ProblemRow(random, cells, r),
                    < 66 => ExistingPerson(random, cells, Existing),
                    _ => NewPerson(random, cells, r, null, NewKind),
                };
                line = Line(cells);
                if (truth[r].Kind == BadBytes)
                {
                    // The cells are ASCII but for one Latin-1 letter: its Windows-1252 byte is not valid UTF-8.
                    output.Flush();
                    output.BaseStream.Write(Encoding.Latin1.GetBytes(line + "\n"));
                    continue;
                }

                if (written.Count < written.Capacity && !ProblemKinds.Contains(truth[r].Kind))
                {
                    written.Add(line);
                }
            }

            output.Write(line);
            output.Write('\n');
        }

        return truth;
    }

    private WorldCompany NewCompany(Random random, string id, string[] syllables)
    {
        var words = 2 + random.Next(2);
        var word = new StringBuilder();
        for (var k = 0; k < words; k++)
        {
            word.Append(syllables[random.Next(syllables.Length)]);
        }

        word[0] = char.ToUpperInvariant(word[0]);
        var industry = random.Next(10) < 7 ? Industries[random.Next(Industries.Length)] : null;
        // Some names join their words with "&", so a row can write "and" (or the other way round).
        var core = industry is null ? word.ToString() : $"{word}{(random.Next(10) == 0 ? " &" : "")} {industry}";
        var domain = $"{word.ToString().ToLowerInvariant()}{(industry is null ? "" : "-" + industry.ToLowerInvariant())}.com";
        for (var n = 2; !domains.Add(domain); n++)
        {
            domain = $"{word.ToString().ToLowerInvariant()}{n}.com";
        }

        var suffix = random.Next(10) < 6 ? LegalSuffixes[random.Next(LegalSuffixes.Length)] : null;
        return new WorldCompany(id, core, suffix is null ? core : $"{core} {suffix}", domain);
    }

    /// <summary>
    /// A row about an existing person, written the way a legacy export would; its truth is the person's id. The kind
    /// <see cref="BlankCompany"/> leaves the company name blank (a domain or website is always given);
    /// <see cref="CompanyVariant"/> writes a variant of the name and no domain or website.
    /// </summary>
    private RowTruth ExistingPerson(Random random, string?[] cells, string kind)
    {
        var person = People[random.Next(People.Length)];
        var company = Companies[person.Company];
        var route = random.Next(100);
        var typo = route >= 80; // no exact identifier: only a fuzzy name match within the company finds them
        CompanyCells(random, cells, company, allowNoDomain: route < 80 && kind != BlankCompany);
        if (kind == BlankCompany)
        {
            cells[0] = null;
        }
        else if (kind == CompanyVariant)
        {
            cells[0] = NameVariant(random, company);
            cells[1] = cells[2] = null;
        }

        var first = person.First;
        var last = person.Last;
        if (typo)
        {
            if (random.Next(2) == 0 && last.Length >= 6)
            {
                last = Typo(random, last);
            }
            else if (first.Length >= 6)
            {
                first = Typo(random, first);
            }
        }

        NameCells(random, cells, first, last);
        cells[6] = Titles.First(t => t.Master == person.Title).Legacy[random.Next(Titles.First(t => t.Master == person.Title).Legacy.Length)];
        var personal = $"{person.First.ToLowerInvariant()}{random.Next(100)}@{PersonalDomains[random.Next(PersonalDomains.Length)]}";
        switch (route)
        {
            case < 40: // email, sometimes in another case or with a personal address in the same cell
                var work = random.Next(4) == 0 ? person.Email.ToUpperInvariant() : person.Email;
                cells[7] = random.Next(3) switch
                {
                    0 => work,
                    1 => $"{work}; {personal}",
                    _ => $"{personal} | {work}",
                };
                break;
            case < 60: // LinkedIn, written differently, with at most a personal email
                cells[9] = person.LinkedIn is null ? null : LinkedInVariant(random, person.LinkedIn);
                cells[7] = random.Next(2) == 0 ? personal : null;
                if (person.LinkedIn is null)
                {
                    cells[7] = person.Email; // nothing else identifies this one
                }

                break;
            case < 80: // another mailbox at the company domain + exact first and last name
                cells[7] = $"{person.First[0]}{person.Last}@{company.Domain}".ToLowerInvariant();
                cells[4] = person.First;
                cells[5] = person.Last;
                break;
            default: // nothing but the (typo'd) name and the company
                cells[7] = random.Next(3) == 0 ? personal : null;
                break;
        }

        cells[8] = person.Phone is null || random.Next(3) == 0 ? null : PhoneVariant(random, person.Phone);
        return new RowTruth(kind, company.Id, person.Id, Exact: route < 60); // email or LinkedIn as the master has it
    }

    /// <summary>
    /// A person the master does not know, at the given company, else at an existing company or at a company it does not
    /// know either.
    /// </summary>
    private RowTruth NewPerson(Random random, string?[] cells, int row, WorldCompany? company, string kind)
    {
        company ??= random.Next(10) < 6 ? Companies[random.Next(Companies.Length)] : NewCompany(random, New, NewSyllables);
        CompanyCells(random, cells, company, allowNoDomain: true);
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        NameCells(random, cells, first, last);
        cells[6] = Titles[random.Next(Titles.Length)].Legacy[0];
        cells[7] = random.Next(5) == 0 ? null : $"{first[0]}.{last}.{row}@{company.Domain}".ToLowerInvariant();
        cells[8] = random.Next(2) == 0 ? null : PhoneVariant(random, $"+1{random.Next(200, 999)}{random.Next(100, 999)}{random.Next(1000, 9999)}");
        cells[9] = random.Next(3) == 0 ? $"linkedin.com/in/{first.ToLowerInvariant()}-{last.ToLowerInvariant()}-new{row:x}" : null;
        return new RowTruth(kind, company.Id, New, false); // a company the master does not know has the id "new"
    }

    /// <summary>
    /// A new company with its own domain whose name is an existing one's with the last word swapped ("Contoso Partners"
    /// for "Contoso Painters"): a new company, not the existing one.
    /// </summary>
    private RowTruth NearMissCompany(Random random, string?[] cells, int row)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var existing = Companies[random.Next(Companies.Length)];
            var space = existing.Core.LastIndexOf(' ');
            if (space < 0)
            {
                continue;
            }

            var word = existing.Core[(space + 1)..];
            var swapped = Industries[(Array.IndexOf(Industries, word) + 1 + random.Next(Industries.Length - 1)) % Industries.Length];
            var core = $"{existing.Core[..space]} {swapped}";
            var slug = core.Replace(" & ", "-", StringComparison.Ordinal).Replace(' ', '-').ToLowerInvariant();
            var domain = $"{slug}.io";
            for (var n = 2; !domains.Add(domain); n++)
            {
                domain = $"{slug}{n}.io";
            }

            var truth = NewPerson(random, cells, row, new WorldCompany(New, core, core, domain), NearMiss);
            cells[1] ??= domain; // its own domain is what tells it apart
            return truth;
        }

        return NewPerson(random, cells, row, null, NewKind); // a world with no two-word company names
    }

    /// <summary>An existing person by first name only, at their company and nothing else: fits, but only review may decide.</summary>
    private RowTruth WeakNameRow(Random random, string?[] cells)
    {
        var person = People[random.Next(People.Length)];
        var company = Companies[person.Company];
        CompanyCells(random, cells, company, allowNoDomain: false);
        cells[3] = person.First;
        cells[6] = person.Title;
        return new RowTruth(WeakName, company.Id, Review, false);
    }

    /// <summary>
    /// An existing person found by their LinkedIn URL whose row offers worse values: a personal email, a worse name
    /// (a typo, the first name only), or both. The person, and nothing of theirs degraded.
    /// </summary>
    private RowTruth WorseValuesRow(Random random, string?[] cells)
    {
        var person = People[random.Next(People.Length)];
        for (var attempt = 0; person.LinkedIn is null && attempt < 20; attempt++)
        {
            person = People[random.Next(People.Length)];
        }

        if (person.LinkedIn is null)
        {
            return ExistingPerson(random, cells, Existing); // a world without LinkedIn URLs
        }

        var company = Companies[person.Company];
        CompanyCells(random, cells, company, allowNoDomain: true);
        var worse = random.Next(3);
        cells[3] = worse == 0 ? $"{person.First} {person.Last}" : random.Next(2) == 0 ? person.First : $"{Typo(random, person.First)} {person.Last}";
        cells[6] = person.Title;
        cells[7] = worse == 1 ? null : $"{person.First.ToLowerInvariant()}{random.Next(100)}@gmail.com";
        cells[9] = LinkedInVariant(random, person.LinkedIn);
        return new RowTruth(WorseValues, company.Id, person.Id, true);
    }

    /// <summary>A new person with a date and phone in the other formats the import reads: all valid, no warnings.</summary>
    private RowTruth FormatsRow(Random random, string?[] cells, int row)
    {
        var truth = NewPerson(random, cells, row, null, Formats);
        cells[8] = random.Next(2) == 0 ? "+44 (0)20 7946 0000" : $"555-{random.Next(100, 999)}-{random.Next(1000, 9999)} x{random.Next(1, 99)}";
        cells[13] = DateFormats[random.Next(DateFormats.Length)];
        return truth;
    }

    /// <summary>A new person with one problem cell: bad bytes (written by the caller), a NUL, an overlong cell or a formula.</summary>
    private RowTruth ProblemRow(Random random, string?[] cells, int row)
    {
        var kind = ProblemKinds[random.Next(ProblemKinds.Length)];
        var truth = NewPerson(random, cells, row, null, kind);
        switch (kind)
        {
            case BadBytes:
                cells[3] = $"{FirstNames[random.Next(FirstNames.Length)]} {Windows1252Names[random.Next(Windows1252Names.Length)]}";
                cells[4] = cells[5] = null;
                break;
            case Nul:
                cells[6] += "\0";
                break;
            case Overlong:
                cells[6] = string.Concat(Enumerable.Repeat("Director of Marketing ", 100));
                break;
            default:
                cells[14] = Formulas[random.Next(Formulas.Length)];
                break;
        }

        return truth;
    }

    /// <summary>The company's name as another file may write it: "The X", "X (The)", "and" for "&amp;", an accent.</summary>
    private static string NameVariant(Random random, WorldCompany company) => random.Next(4) switch
    {
        0 => $"The {company.Core}",
        1 => $"{company.Core} (The)",
        2 when company.Core.Contains(" & ", StringComparison.Ordinal) => company.Core.Replace(" & ", " and ", StringComparison.Ordinal),
        _ => Accented(company.Core),
    };

    private static string Accented(string name)
    {
        var vowel = name.AsSpan(1).IndexOfAny("aeo");
        return vowel < 0 ? $"The {name}" : string.Concat(name.AsSpan(0, vowel + 1), name[vowel + 1] switch { 'a' => "\u00E1", 'e' => "\u00E9", _ => "\u00F6" }, name.AsSpan(vowel + 2));
    }

    private static void CompanyCells(Random random, string?[] cells, WorldCompany company, bool allowNoDomain)
    {
        var name = random.Next(10) switch
        {
            < 3 => company.MasterName,
            < 5 => $"{company.Core} {LegalSuffixes[random.Next(LegalSuffixes.Length)]}",
            < 6 => $"{company.Core.ToUpperInvariant()}, {LegalSuffixes[random.Next(LegalSuffixes.Length)].ToUpperInvariant()}",
            < 7 => company.Core.ToLowerInvariant(),
            _ => company.Core,
        };
        cells[0] = name;
        switch (random.Next(allowNoDomain ? 5 : 4))
        {
            case 0: cells[1] = company.Domain; break;
            case 1: cells[1] = company.Domain.ToUpperInvariant(); break;
            case 2: cells[2] = $"https://www.{company.Domain}/about"; break;
            case 3: cells[2] = $"http://{company.Domain.ToUpperInvariant()}"; break;
            default: break; // the domain comes from the email, or only the name is known
        }
    }

    private static void NameCells(Random random, string?[] cells, string first, string last)
    {
        var full = random.Next(10) switch
        {
            0 => $"{Prefixes[random.Next(Prefixes.Length)]} {first} {last}",
            1 => $"{first} {last}, {NameSuffixes[random.Next(NameSuffixes.Length)]}",
            2 => $"{first} {last}".ToUpperInvariant(),
            3 => $"{first} {last}".ToLowerInvariant(),
            _ => $"{first} {last}",
        };
        cells[3] = full;
        if (random.Next(4) == 0)
        {
            cells[4] = first;
            cells[5] = last;
        }
    }

    private static void Engagement(Random random, string?[] cells)
    {
        cells[10] = random.Next(4) == 0 ? null : random.Next(60).ToString(CultureInfo.InvariantCulture);
        cells[11] = random.Next(3) == 0 ? null : random.Next(5).ToString(CultureInfo.InvariantCulture);
        cells[12] = random.Next(2) == 0 ? null : random.Next(3).ToString(CultureInfo.InvariantCulture);
        cells[13] = random.Next(4) switch
        {
            0 => null,
            1 => $"{random.Next(1, 13):00}/{random.Next(1, 29):00}/2024",
            _ => $"2024-{random.Next(1, 13):00}-{random.Next(1, 29):00}",
        };
        cells[14] = random.Next(8) == 0 ? "met at conference, follow up" : null;
    }

    private static string MalformedLine(Random random, int row) => random.Next(4) switch
    {
        0 => $"Broken{row} Inc,broken{row}.com,Too,Few",
        1 => $",nocompany{row}.com,,Nobody Known,,,,nobody{row}@nocompany{row}.com,,,,,,,",
        2 => $"Nameless{row} LLC,nameless{row}.com,,,,,,x{row}@nameless{row}.com,,,,,,,",
        _ => $"Extra{row} Co,extra{row}.com,,Eve Extra,,,,eve@extra{row}.com,,,,,,,,too,many",
    };

    private static string Typo(Random random, string name)
    {
        var chars = name.ToCharArray();
        var at = 1 + random.Next(chars.Length - 2);
        if (random.Next(2) == 0)
        {
            (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        }
        else
        {
            chars[at] = (char)('a' + random.Next(26));
        }

        return new string(chars);
    }

    private static string LinkedInVariant(Random random, string url) => random.Next(4) switch
    {
        0 => url,
        1 => url.Replace("https://www.", "", StringComparison.Ordinal) + "/",
        2 => url + "?trk=public_profile",
        _ => url.Replace("https://www.", "http://uk.", StringComparison.Ordinal),
    };

    private static string PhoneVariant(Random random, string e164)
    {
        var d = e164[2..];
        return random.Next(4) switch
        {
            0 => $"({d[..3]}) {d[3..6]}-{d[6..]}",
            1 => $"{d[..3]}-{d[3..6]}-{d[6..]}",
            2 => $"+1 {d[..3]} {d[3..6]} {d[6..]}",
            _ => $"{d[..3]}.{d[3..6]}.{d[6..]}",
        };
    }

    private static string Line(string?[] cells)
    {
        var line = new StringBuilder(200);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var cell = cells[i];
            if (cell is null)
            {
                continue;
            }

            if (cell.AsSpan().IndexOfAny(",\"\n") >= 0)
            {
                line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(cell);
            }
        }

        return line.ToString();
    }

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter writer, string? value) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, NpgsqlDbType.Text);

    /// <summary>
    /// What a row is and what the import should make of it: the company (an existing id, <c>new</c>, or empty when the
    /// row has none) and the person (an existing id, <c>new</c>, <c>review</c>, <c>duplicate</c> or <c>malformed</c>);
    /// <paramref name="Exact"/> when the row carries the person's email or LinkedIn URL as the master has it.
    /// </summary>
    internal readonly record struct RowTruth(string Kind, string Company, string Person, bool Exact);

    internal sealed record WorldCompany(string Id, string Core, string MasterName, string Domain);

    internal sealed record WorldPerson(string Id, int Company, string First, string Last, string Title, string Email, string? Phone, string? LinkedIn, string[] LockedFields);
}
