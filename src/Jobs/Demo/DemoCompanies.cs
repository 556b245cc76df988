using Npgsql;
using NpgsqlTypes;

namespace Portal.Jobs.Demo;

/// <summary>
/// A deterministic demo dataset of companies and people (binary COPY), shaped so slot evaluation meets every
/// case: filled slots, open ones, compound titles, several candidates for one slot, look-alike titles, and
/// (with <see cref="FinishRoundsAsync"/>) slots whose enrichment rounds found nobody.
/// </summary>
public static class DemoCompanies
{
    private static readonly string[] Names = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Hooli", "Pied Piper", "Vandelay", "Dunder", "Gringotts", "Oscorp", "Aperture", "Black Mesa", "Monarch", "Nakatomi"];
    private static readonly string[] Suffixes = ["Inc", "LLC", "Group", "Partners", "Holdings", "Labs", "Co", "Industries", "Systems", "Logistics"];
    private static readonly string[] Industries = ["Software", "Logistics", "Healthcare", "Manufacturing", "Legal", "Finance", "Retail", "Construction"];
    private static readonly string[] FirstNames = ["Ann", "Bob", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "June", "Kai", "Lena", "Milo", "Nina", "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara"];
    private static readonly string[] LastNames = ["Smith", "Jones", "Garcia", "Chen", "Patel", "Kim", "Müller", "Rossi", "Dubois", "Silva", "Novak", "Khan", "Berg", "Ito", "Lopez"];
    private static readonly string[] CeoTitles = ["CEO", "Chief Executive Officer", "President & CEO", "Founder & CEO", "Managing Director", "C.E.O."];
    private static readonly string[] CfoTitles = ["CFO", "Chief Financial Officer", "VP Finance", "Finance Director", "Controller"];
    private static readonly string[] HrTitles = ["HR Director", "VP HR", "Chief People Officer", "Head of People", "HR Manager"];
    private static readonly string[] CompoundTitles = ["CEO & CFO", "President and CFO", "CFO & Head of HR", "Owner & Controller"];
    private static readonly string[] OtherTitles = ["Executive Assistant to the CEO", "Vice President of Sales", "Software Engineer", "Account Executive", "CTO", "Office Manager", "Assistant Controller", "Recruiter", "COO", "Marketing Director"];

    /// <returns>How many people were created.</returns>
    public static async Task<long> GenerateAsync(NpgsqlDataSource dataSource, int companies, int seed = 42, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        var people = new List<DemoPerson>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY marketing.company_master (company_unique_id, company_name, domain, website_url, industry, employee_count) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 1; i <= companies; i++)
            {
                var id = CompanyId(i);
                var name = $"{Names[random.Next(Names.Length)]} {Names[random.Next(Names.Length)]} {Suffixes[random.Next(Suffixes.Length)]}";
                var domain = $"{name.Split(' ')[0].ToLowerInvariant()}{i}.example";
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(domain, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"https://www.{domain}", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(Industries[random.Next(Industries.Length)], NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(random.Next(5, 5000), NpgsqlDbType.Integer, cancellationToken);
                AddPeople(people, random, id, domain, i);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY marketing.people_master (unique_id, company_unique_id, first_name, last_name, full_name, title, email, source_system) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var person in people)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(person.Id, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person.CompanyId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person.First, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person.Last, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync($"{person.First} {person.Last}", NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person.Title, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person.Email, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync("demo", NpgsqlDbType.Text, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        return people.Count;
    }

    /// <summary>
    /// Marks the queued slot searches of every <paramref name="everyNth"/> company as finished without a find,
    /// as the enrichment pipeline would; evaluating after two such rounds closes those slots as missing.
    /// </summary>
    public static async Task<int> FinishRoundsAsync(NpgsqlDataSource dataSource, int everyNth, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE public.agent_routing_log r SET status = 'done', result = 'not_found', completed_at = now()
              FROM marketing.company_master c
             WHERE r.company_unique_id = c.company_unique_id AND r.record_type = 'person_slot_backfill' AND r.status = 'queued'
               AND substring(c.company_unique_id from '(\d+)$')::int % @nth = 0
            """);
        command.Parameters.AddWithValue("nth", everyNth);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Barton-style ids, as the seeds show them.</summary>
    public static string CompanyId(int number) => $"04.04.01.{number / 100_000:00}.{number % 100_000:00000}.{number % 1000:000}";

    private static void AddPeople(List<DemoPerson> people, Random random, string companyId, string domain, int number)
    {
        var shape = random.Next(100);
        var titles = new List<string>();
        if (shape < 8)
        {
            titles.Add(CompoundTitles[random.Next(CompoundTitles.Length)]);
        }

        if (shape is >= 8 and < 60)
        {
            titles.Add(CeoTitles[random.Next(CeoTitles.Length)]);
        }

        if (shape is >= 20 and < 55)
        {
            titles.Add(CfoTitles[random.Next(CfoTitles.Length)]);
        }

        if (shape is >= 30 and < 50)
        {
            titles.Add(HrTitles[random.Next(HrTitles.Length)]);
        }

        if (shape is >= 45 and < 53)
        {
            titles.Add(HrTitles[random.Next(HrTitles.Length)]); // a second HR candidate
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            titles.Add(OtherTitles[random.Next(OtherTitles.Length)]);
        }

        for (var i = 0; i < titles.Count; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            people.Add(new DemoPerson($"P-{number}-{i + 1}", companyId, first, last, titles[i], $"{first}.{last}@{domain}".ToLowerInvariant()));
        }
    }

    private sealed record DemoPerson(string Id, string CompanyId, string First, string Last, string Title, string Email);
}
