using Npgsql;
using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Backfill.Records;

namespace Portal.Jobs.Backfill;

/// <summary>A company the import creates.</summary>
internal sealed record NewCompany(string Id, string Name, string? Domain, string? Website);

/// <summary>The baselines of one initialized row.</summary>
internal sealed record BaselineWork(BackfillRowWork Row, string PersonId, string CompanyId, BitBaselineResult Bit, string TalentFlowHash, string TalentFlowSnapshot);

/// <summary>
/// Field changes of one existing person, merged over the rows of a batch: the value read before the batch and the last
/// one written. The update writes a field only while it still holds the value read, so that a change made by someone
/// else between the read and the write is never overwritten.
/// </summary>
internal sealed class PersonUpdate(string id)
{
    public string Id { get; } = id;

    private readonly Dictionary<string, (string? From, string? To)> fields = new(StringComparer.Ordinal);

    public void Set(FieldChange change) =>
        fields[change.Field] = (fields.TryGetValue(change.Field, out var first) ? first.From : change.From, change.To);

    public string? From(string field) => fields.TryGetValue(field, out var value) ? value.From : null;

    public string? To(string field) => fields.TryGetValue(field, out var value) ? value.To : null;

    public bool Changes(string field) => fields.ContainsKey(field);
}

/// <summary>What one batch writes.</summary>
internal sealed class BatchState
{
    public List<NewCompany> NewCompanies { get; } = [];

    public List<KnownPerson> NewPeople { get; } = [];

    public Dictionary<string, PersonUpdate> Updates { get; } = new(StringComparer.Ordinal);

    public List<BaselineWork> Baselines { get; } = [];

    /// <summary>The hashes of the batch's rows (for the duplicate check of the next batch while this one is written).</summary>
    public HashSet<string> Hashes { get; } = new(StringComparer.Ordinal);

    /// <summary>The people the batch creates or changes, with their values after it (id → person).</summary>
    public Dictionary<string, KnownPerson> Touched { get; } = new(StringComparer.Ordinal);

    /// <summary>The touched people by exact key and by company, built once the batch is decided (<see cref="Seal"/>).</summary>
    public PersonLookup? TouchedIndex { get; private set; }

    /// <summary>Indexes the touched people; the batch is not changed afterwards, only read (by its writer and the next batch).</summary>
    public void Seal()
    {
        TouchedIndex = new PersonLookup();
        foreach (var person in Touched.Values)
        {
            TouchedIndex.Add(person);
        }
    }

    public PersonUpdate Update(KnownPerson person)
    {
        Touched[person.Id] = person;
        if (person.New)
        {
            // Not in the database yet: the insert takes the merged values of the in-memory person.
            return new PersonUpdate(person.Id);
        }

        if (!Updates.TryGetValue(person.Id, out var update))
        {
            update = new PersonUpdate(person.Id);
            Updates[person.Id] = update;
        }

        return update;
    }
}

/// <summary>The person candidates of a batch: loaded with one query, plus the people the batch creates.</summary>
internal sealed class PersonLookup
{
    private readonly Dictionary<string, KnownPerson> byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KnownPerson>> byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KnownPerson>> byCompany = new(StringComparer.Ordinal);

    /// <summary>Adds a person found by an exact key, or created by the batch: found by its keys and as a member of its company.</summary>
    public void Add(KnownPerson person)
    {
        if (!byId.TryAdd(person.Id, person))
        {
            return;
        }

        foreach (var key in PersonMatcher.LookupKeys(person.Values.LinkedInUrl, person.Values.Email, person.Values.FirstName, person.Values.LastName))
        {
            Bucket(byKey, key).Add(person);
        }

        Bucket(byCompany, person.CompanyId).Add(person);
    }

    /// <summary>
    /// Adds a person loaded as a member of a company, for fuzzy matching only: had any row of the batch an exact key of
    /// theirs, the key query found them already (and <see cref="Add"/> indexed their keys).
    /// </summary>
    public void AddMember(KnownPerson person)
    {
        if (byId.TryAdd(person.Id, person))
        {
            Bucket(byCompany, person.CompanyId).Add(person);
        }
    }


    public KnownPerson? Find(string id) => byId.GetValueOrDefault(id);

    /// <summary>The people sharing an exact key with the values given.</summary>
    public IEnumerable<KnownPerson> ByKeys(string? linkedIn, string? email, string? firstName, string? lastName) =>
        PersonMatcher.LookupKeys(linkedIn, email, firstName, lastName).SelectMany(k => byKey.TryGetValue(k, out var hits) ? hits : []);

    /// <summary>The people of a company.</summary>
    public IEnumerable<KnownPerson> Members(string companyId) => byCompany.TryGetValue(companyId, out var members) ? members : [];

    public List<KnownPerson> Candidates(PersonRow row, string companyId)
    {
        var result = new List<KnownPerson>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in PersonMatcher.LookupKeys(row.LinkedinUrl, row.Email, row.FirstName, row.LastName))
        {
            if (byKey.TryGetValue(key, out var hits))
            {
                result.AddRange(hits.Where(h => seen.Add(h.Id)));
            }
        }

        if (byCompany.TryGetValue(companyId, out var members))
        {
            result.AddRange(members.Where(m => seen.Add(m.Id)));
        }

        return result;
    }

    private static List<KnownPerson> Bucket(Dictionary<string, List<KnownPerson>> index, string key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}

internal static class KnownPersonExtensions
{
    /// <summary>
    /// A copy of a person a batch being written creates or changes, for the next batch: as it will be in the database by
    /// the time the next batch is written (existing, with the batch's values), and free to change without touching
    /// what the writer reads.
    /// </summary>
    public static KnownPerson Written(this KnownPerson person) => new()
    {
        Id = person.Id,
        CompanyId = person.CompanyId,
        Values = person.Values,
        LockedFields = person.LockedFields,
        OverrideKeys = person.OverrideKeys,
        ManuallyCorrectedEmail = person.ManuallyCorrectedEmail,
        ManuallyCorrectedTitle = person.ManuallyCorrectedTitle,
    };

    public static PersonCandidate ToCandidate(this KnownPerson person) =>
        new(person.Id, person.CompanyId, person.Values.FullName!, person.Values.FirstName, person.Values.LastName, person.Values.Email, person.Values.LinkedInUrl, person.Values.Title);
}

public sealed partial class LegacyBackfillImporter
{
    // The LinkedIn URL as LinkedInUrl.Normalize writes it, in SQL: lower case, without protocol, query, trailing slash, www., country host.
    private const string LinkedInSql = """
        lower(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(btrim(p.linkedin_url),
            '^https?://', '', 'i'), '[?#].*$', ''), '/+$', ''), '^www\.', '', 'i'), '^[^/]*\.linkedin\.com(/|$)', 'linkedin.com\1', 'i'))
        """;

    private static async Task<Dictionary<string, long>> OutcomesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long importId, CancellationToken cancellationToken)
    {
        var outcomes = ResolutionStatus.All.ToDictionary(s => s, _ => 0L);
        await using var command = new NpgsqlCommand("SELECT resolution_status, count(*) FROM public.backfill_log WHERE import_id = @id GROUP BY 1", connection, transaction);
        command.Parameters.AddWithValue("id", importId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return outcomes;
    }

    private static async Task CreateTempTablesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        // jit off: the batch statements are short, and compiling them costs more than running them. Random page cost as
        // for data in memory: the person lookups probe a few thousand keys, which the default (disk) cost prices above
        // scanning every person. work_mem so that sorting a batch's talent-flow baselines (DISTINCT ON) stays in memory
        // instead of spilling to disk at the default 4 MB.
        var sql = """
            SET jit = off;
            SET random_page_cost = 1.1;
            SET work_mem = '64MB';
            CREATE TEMP TABLE IF NOT EXISTS bf_company (id text, name text, domain text, website text) ON COMMIT PRESERVE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bf_tf (seq int, person_id text, hash text, snapshot jsonb, metadata jsonb) ON COMMIT PRESERVE ROWS;
            """ + $"""
            CREATE TEMP TABLE IF NOT EXISTS bf_person (id text, company_id text, {string.Join(", ", PersonFields.All.Select(f => f + " text"))}) ON COMMIT PRESERVE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS bf_update (id text, {PersonFieldSql.ChangeColumnTypes}) ON COMMIT PRESERVE ROWS;
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<CompanyIndex> LoadCompaniesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RowNormalizer normalizer, MatchingThresholds thresholds, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, string Name, string? Domain, string? Website)>();
        await using (var command = new NpgsqlCommand("SELECT company_unique_id, company_name, domain, website_url FROM marketing.company_master", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        // Normalizing and keying every company is most of the cost: spread it over the cores (the normalizer is immutable).
        var companies = new (CompanyCandidate Company, IReadOnlyList<string> Keys)[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (id, name, domain, website) = rows[i];
            var normalized = normalizer.CompanyName(name).Value ?? name;
            companies[i] = (new CompanyCandidate(id, normalized, normalizer.Domain(domain, website, null).Value), CompanyMatcher.BlockingKeys(normalized));
        });

        var index = new CompanyIndex(thresholds.CompanyReview);
        foreach (var (company, keys) in companies)
        {
            index.Add(company, keys);
        }

        return index;
    }

    /// <summary>Hashes of this batch already logged by another import, or by earlier rows of this one.</summary>
    private static async Task<HashSet<string>> SeenHashesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long importId, int firstRow, string[] hashes, CancellationToken cancellationToken)
    {
        // One index probe per hash, stopping at the first earlier row: the LIMIT keeps the LATERAL subquery a probe, where
        // a plain join lets the planner scan the whole log instead once it holds millions of rows. A reverted import's rows
        // are no longer in the data, so they are no earlier rows either: its file can be imported again.
        const string sql = """
            SELECT k.hash FROM unnest(@hashes::text[]) k(hash)
             CROSS JOIN LATERAL (SELECT 1 FROM public.backfill_log b
                                  WHERE b.source_row_hash = k.hash AND (b.import_id <> @id OR b.row_number < @first)
                                    AND NOT EXISTS (SELECT 1 FROM ops.backfill_import r WHERE r.id = b.import_id AND r.reverted_at IS NOT NULL)
                                  LIMIT 1) earlier
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("hashes", hashes);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("first", firstRow);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            seen.Add(reader.GetString(0));
        }

        return seen;
    }

    /// <summary>
    /// Two queries per batch: every person sharing an exact key (LinkedIn, email, email domain + first + last name) with
    /// a row; then the people of the companies of the rows no exact rule decided, which only the fuzzy name rule needs
    /// (most rows of a typical file are decided exactly, and their companies' people would be most of what is read).
    /// The keys are computed in SQL the way <see cref="PersonMatcher.LookupKeys"/> computes them; the matcher then
    /// decides on the loaded people.
    /// </summary>
    private static async Task<PersonLookup> LoadPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<BackfillRowWork> rows, BatchState? inFlight, CancellationToken cancellationToken)
    {
        var lookup = new PersonLookup();

        // The batch being written on the other connection is not committed yet: its people are taken from memory, as
        // they will be once it is (a person it changed replaces what the database still returns for them).
        var written = inFlight?.TouchedIndex;
        if (written is not null)
        {
            foreach (var row in rows)
            {
                foreach (var person in written.ByKeys(row.Normalized!.LinkedInUrl, row.Normalized.Email, row.Normalized.FirstName, row.Normalized.LastName))
                {
                    if (lookup.Find(person.Id) is null)
                    {
                        lookup.Add(person.Written());
                    }
                }
            }
        }

        var linkedIns = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var key in PersonMatcher.LookupKeys(row.Normalized!.LinkedInUrl, row.Normalized.Email, row.Normalized.FirstName, row.Normalized.LastName))
            {
                (key[..3] switch { "li:" => linkedIns, "em:" => emails, _ => names }).Add(key[3..]);
            }
        }

        if (linkedIns.Count + emails.Count + names.Count > 0)
        {
            var byKeys = string.Join(
                "\nUNION ALL\n",
                ByKey("@emails", "lower(btrim(p.email))"),
                ByKey("@linkedins", $"({LinkedInSql})"),
                ByKey("@names", "(lower(split_part(btrim(p.email), '@', 2)) || chr(31) || lower(btrim(p.first_name)) || chr(31) || lower(btrim(p.last_name)))"));
            await ReadPeopleAsync(connection, transaction, byKeys, [("emails", emails), ("linkedins", linkedIns), ("names", names)], p =>
            {
                // A person the batch being written changed is found by their new keys above, not by their old ones.
                if (inFlight is null || !inFlight.Touched.ContainsKey(p.Id))
                {
                    lookup.Add(p);
                }
            }, cancellationToken);
        }

        return lookup;
    }

    /// <summary>Adds the people of the rows' companies where no exact rule found the row's person (what the fuzzy rule needs).</summary>
    private static async Task LoadMembersAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<BackfillRowWork> rows, BatchState? inFlight, PersonLookup lookup, CancellationToken cancellationToken)
    {
        var written = inFlight?.TouchedIndex;
        KnownPerson Current(KnownPerson person) => inFlight is not null && inFlight.Touched.TryGetValue(person.Id, out var touched) ? touched.Written() : person;
        var companies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var person = Person(row.Normalized!);
            if (row.CompanyId is { } company && !companies.Contains(company)
                && PersonMatcher.Match(person, null, lookup.Candidates(person, company).ConvertAll(p => p.ToCandidate())).Kind == MatchKind.NoMatch)
            {
                companies.Add(company);
            }
        }

        if (companies.Count > 0)
        {
            await ReadPeopleAsync(connection, transaction, ByKey("@companies", "p.company_unique_id"), [("companies", companies)], p => lookup.AddMember(Current(p)), cancellationToken);
            if (written is not null)
            {
                foreach (var person in companies.SelectMany(written.Members))
                {
                    if (lookup.Find(person.Id) is null)
                    {
                        lookup.AddMember(person.Written());
                    }
                }
            }
        }
    }

    /// <summary>
    /// One index probe per key: each key's people are a LATERAL subquery whose OFFSET 0 keeps the planner from turning
    /// the lookup into a scan of every person (which it prices lower for tens of thousands of keys, but which grows
    /// with the table while the probes grow with the batch). The expressions must stay exactly those of the indexes
    /// (migration BackfillMatchingIndexes).
    /// </summary>
    private static string ByKey(string keys, string condition) =>
        $"""
        SELECT p.unique_id, p.company_unique_id, p.full_name, p.first_name, p.last_name, p.title, p.email, p.phone, p.linkedin_url,
               p.locked_fields, p.manually_corrected_email, p.manually_corrected_title,
               CASE WHEN jsonb_typeof(p.manual_overrides) = 'object' THEN ARRAY(SELECT jsonb_object_keys(p.manual_overrides)) ELSE ARRAY[]::text[] END
          FROM unnest({keys}::text[]) k(key) CROSS JOIN LATERAL (SELECT * FROM marketing.people_master p WHERE {condition} = k.key OFFSET 0) p
        """;

    private static async Task ReadPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, (string Name, HashSet<string> Keys)[] parameters, Action<KnownPerson> add, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, keys) in parameters)
        {
            command.Parameters.AddWithValue(name, keys.ToArray());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            add(new KnownPerson
            {
                Id = reader.GetString(0),
                CompanyId = reader.GetString(1),
                Values = new PersonValues(reader.GetString(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8)),
                LockedFields = reader.IsDBNull(9) ? [] : reader.GetFieldValue<string[]>(9),
                ManuallyCorrectedEmail = reader.GetBoolean(10),
                ManuallyCorrectedTitle = reader.GetBoolean(11),
                OverrideKeys = reader.IsDBNull(12) ? [] : reader.GetFieldValue<string[]>(12),
            });
        }
    }
}
