using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Backfill.Review;
using Portal.Domain.Persistence;
using Portal.Jobs.Backfill;
using Portal.Jobs.Configuration;

namespace Portal.Backfills;

/// <summary>
/// The review bucket of legacy imports (<c>garage.missing_parts</c>): search, the detail of one item with every
/// candidate beside the incoming row, and resolutions (one, or every item of a filtered selection) that go
/// through the importer's own create/update logic. Every resolution and undo is audited.
/// </summary>
public sealed class ReviewService(NpgsqlDataSource dataSource, LegacyBackfillImporter importer, ConfigStore config, AuditWriter audit)
{
    /// <summary>The most items one bulk action resolves; narrow the filter for more.</summary>
    public const int BulkLimit = 5_000;

    private const string Level = "CASE WHEN m.match_attempts ? 'person' THEN 'person' ELSE 'company' END";
    private const string Candidates = $"m.match_attempts -> ({Level}) -> 'candidates'";

    public async Task<Page<ReviewRow>> SearchAsync(ReviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = (query.SortBy, query.Descending) switch
        {
            ("Confidence", false) => "m.confidence_score NULLS FIRST, m.missing_id",
            ("Confidence", true) => "m.confidence_score DESC NULLS LAST, m.missing_id",
            ("ImportId", false) => "m.import_id, m.missing_id",
            ("ImportId", true) => "m.import_id DESC, m.missing_id",
            ("FullName", false) => "m.source_data -> 'row' ->> 'full_name', m.missing_id",
            ("FullName", true) => "m.source_data -> 'row' ->> 'full_name' DESC, m.missing_id",
            ("CompanyName", false) => "m.source_data -> 'row' ->> 'company_name', m.missing_id",
            ("CompanyName", true) => "m.source_data -> 'row' ->> 'company_name' DESC, m.missing_id",
            (_, true) => "m.missing_id DESC",
            _ => "m.missing_id",
        };
        await using var command = Filtered($"""
            SELECT count(*) OVER (), m.missing_id, m.import_id, m.issue_type, {Level}, m.confidence_score,
                   m.source_data -> 'row' ->> 'company_name', m.source_data -> 'row' ->> 'full_name', m.source_data -> 'row' ->> 'title',
                   coalesce(jsonb_array_length({Candidates}), 0), {Candidates} -> 0 ->> 'id',
                   m.resolved, m.resolution, m.resolved_by, m.resolved_at, m.created_at
              FROM garage.missing_parts m
             WHERE <filter>
             ORDER BY {order}
             LIMIT @take OFFSET @skip
            """, query);
        command.Parameters.AddWithValue("take", Math.Clamp(query.Take, 1, 500));
        command.Parameters.AddWithValue("skip", Math.Max(query.Skip, 0));
        var rows = new List<ReviewRow>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            total = (int)reader.GetInt64(0);
            rows.Add(new ReviewRow(
                reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetDecimal(5), Text(6), Text(7), Text(8), reader.GetInt32(9), Text(10),
                reader.GetBoolean(11), Text(12), Text(13), reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
                reader.GetFieldValue<DateTimeOffset>(15)));
        }

        return new Page<ReviewRow>(rows, total);
    }

    /// <summary>One item: the incoming row (as written and normalized) and every candidate with its score and a field-by-field comparison.</summary>
    public async Task<ReviewDetail?> GetAsync(long missingId, CancellationToken cancellationToken = default)
    {
        JsonObject attempts, source;
        string? note, conflicts;
        int? rowNumber;
        await using (var command = dataSource.CreateCommand("""
            SELECT m.match_attempts::text, m.source_data::text, m.resolution_note, l.row_number, (l.actions_taken -> 'conflicts')::text
              FROM garage.missing_parts m LEFT JOIN public.backfill_log l ON l.id = m.backfill_log_id
             WHERE m.missing_id = @id
            """))
        {
            command.Parameters.AddWithValue("id", missingId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            attempts = JsonNode.Parse(reader.IsDBNull(0) ? "{}" : reader.GetString(0))!.AsObject();
            source = JsonNode.Parse(reader.IsDBNull(1) ? "{}" : reader.GetString(1))!.AsObject();
            note = reader.IsDBNull(2) ? null : reader.GetString(2);
            rowNumber = reader.IsDBNull(3) ? null : reader.GetInt32(3);
            conflicts = reader.IsDBNull(4) ? null : reader.GetString(4);
        }

        var found = (await SearchAsync(new ReviewQuery(Id: missingId, Resolved: null), cancellationToken)).Items;
        if (found.Count == 0)
        {
            return null;
        }

        var row = found[0];

        var rules = (await ImportConfiguration.CurrentAsync(config, cancellationToken)).Rules.Value;
        var cells = source["row"]?.AsObject() ?? [];
        var normalized = new RowNormalizer(rules).Row(LegacyColumns.FromLogged(cells));
        var person = row.Level == "person";
        var scored = (attempts[row.Level]?["candidates"]?.AsArray() ?? [])
            .Select(c => (Id: (string?)c?["id"] ?? "", Score: (double?)c?["score"] ?? 0, Reason: (string?)c?["reason"] ?? ""))
            .ToList();
        var records = person
            ? await PeopleAsync(scored.Select(c => c.Id).ToArray(), cancellationToken)
            : await CompaniesAsync(scored.Select(c => c.Id).ToArray(), cancellationToken);
        var incoming = person
            ? new Dictionary<string, string?>
            {
                ["full_name"] = normalized.FullName, ["title"] = normalized.Title, ["email"] = normalized.Email,
                ["phone"] = normalized.Phone, ["linkedin_url"] = normalized.LinkedInUrl,
            }
            : new Dictionary<string, string?> { ["company_name"] = normalized.CompanyName, ["domain"] = normalized.CompanyDomain };
        var candidates = scored.Select(c =>
        {
            var existing = records.GetValueOrDefault(c.Id);
            var fields = incoming.Select(f => (f.Key, f.Value, existing?.GetValueOrDefault(f.Key))).ToList();
            return new ReviewCandidate(c.Id, c.Score, c.Reason, existing is not null, existing?.GetValueOrDefault("label"), FieldDiff.Compare(fields));
        }).ToList();
        var raw = cells.Select(p => (p.Key, (string?)p.Value)).ToList();
        return new ReviewDetail(row, raw, incoming, (string?)attempts["company_id"], candidates, note, rowNumber,
            conflicts is null ? [] : JsonSerializer.Deserialize<List<FieldConflict>>(conflicts, MergeLogJson.Options)!);
    }

    /// <exception cref="KeyNotFoundException">No such item.</exception>
    /// <exception cref="ReviewConflictException">Already resolved, not a candidate, no reason, or the row cannot be applied.</exception>
    public async Task<ReviewOutcome> ResolveAsync(ClaimsPrincipal actor, long missingId, ReviewAction action, string? candidateId, string? note, CancellationToken cancellationToken = default)
    {
        var options = (await ImportConfiguration.CurrentAsync(config, cancellationToken)).Options();
        return await ResolveOneAsync(actor, missingId, action, candidateId, note, options, cancellationToken);
    }

    /// <summary>
    /// Resolves every open item the filter selects (at most <see cref="BulkLimit"/>), each on its own as a single
    /// resolution would: linking takes each item's best candidate. Items that cannot be resolved are counted, not fatal.
    /// </summary>
    public async Task<BulkOutcome> ResolveManyAsync(ClaimsPrincipal actor, ReviewQuery filter, ReviewAction action, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (action == ReviewAction.Dismiss && string.IsNullOrWhiteSpace(note))
        {
            throw new ReviewConflictException("A dismissal needs a reason.");
        }

        var targets = new List<(long Id, string? Best)>();
        await using (var command = Filtered($"SELECT m.missing_id, {Candidates} -> 0 ->> 'id' FROM garage.missing_parts m WHERE <filter> ORDER BY m.missing_id LIMIT {BulkLimit}", filter with { Resolved = false }))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                targets.Add((reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var options = (await ImportConfiguration.CurrentAsync(config, cancellationToken)).Options();
        int resolved = 0, stillOpen = 0;
        var failures = new List<string>();
        foreach (var (id, best) in targets)
        {
            try
            {
                var outcome = await ResolveOneAsync(actor, id, action, best, note, options, cancellationToken);
                (outcome.StillOpen ? ref stillOpen : ref resolved)++;
            }
            catch (Exception ex) when (ex is ReviewConflictException or KeyNotFoundException)
            {
                failures.Add($"#{id}: {ex.Message}");
            }
        }

        return new BulkOutcome(targets.Count, resolved, stillOpen, failures);
    }

    /// <summary>Undoes a resolution and reopens the item.</summary>
    public async Task ReopenAsync(ClaimsPrincipal actor, long missingId, CancellationToken cancellationToken = default)
    {
        await importer.ReopenAsync(missingId, AuditWriter.ActorName(actor), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.ReviewReopened, "review_item", missingId.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
    }

    private async Task<ReviewOutcome> ResolveOneAsync(ClaimsPrincipal actor, long missingId, ReviewAction action, string? candidateId, string? note, BackfillImportOptions options, CancellationToken cancellationToken)
    {
        var outcome = await importer.ResolveAsync(missingId, action, candidateId, note, AuditWriter.ActorName(actor), options, cancellationToken);
        await audit.WriteAsync(actor, AuditActions.ReviewResolved, "review_item", missingId.ToString(CultureInfo.InvariantCulture),
            new { action = action.ToString(), candidateId, note, outcome.Resolution, outcome.StillOpen, outcome.CompanyId, outcome.PersonId },
            cancellationToken: cancellationToken);
        return outcome;
    }

    /// <summary>A command whose SQL has the filter's condition in place of the text "&lt;filter&gt;", with its parameters.</summary>
    private NpgsqlCommand Filtered(string sql, ReviewQuery query)
    {
        var command = dataSource.CreateCommand();
        var conditions = new List<string> { "true" };
        void Add(string condition, string name, object value)
        {
            conditions.Add(condition);
            command.Parameters.AddWithValue(name, value);
        }

        if (query.Id is { } id)
        {
            Add("m.missing_id = @id", "id", id);
        }

        if (!string.IsNullOrEmpty(query.IssueType))
        {
            Add("m.issue_type = @issue", "issue", query.IssueType);
        }

        if (!string.IsNullOrEmpty(query.Level))
        {
            Add($"{Level} = @level", "level", query.Level);
        }

        if (query.MinConfidence is { } min)
        {
            Add("m.confidence_score >= @min", "min", min);
        }

        if (query.MaxConfidence is { } max)
        {
            Add("m.confidence_score <= @max", "max", max);
        }

        if (query.ImportId is { } import)
        {
            Add("m.import_id = @import", "import", import);
        }

        if (query.Resolved is { } resolved)
        {
            Add("m.resolved = @resolved", "resolved", resolved);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            Add("(m.source_data -> 'row')::text ILIKE '%' || @q || '%'", "q", query.Search.Trim());
        }

        command.CommandText = sql.Replace("<filter>", string.Join(" AND ", conditions), StringComparison.Ordinal);
        return command;
    }

    private async Task<Dictionary<string, Dictionary<string, string?>>> PeopleAsync(string[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT p.unique_id, p.full_name, p.title, p.email, p.phone, p.linkedin_url, c.company_name
              FROM marketing.people_master p LEFT JOIN marketing.company_master c ON c.company_unique_id = p.company_unique_id
             WHERE p.unique_id = ANY (@ids)
            """);
        command.Parameters.AddWithValue("ids", ids);
        return await ReadRecordsAsync(command, ["full_name", "title", "email", "phone", "linkedin_url", "company_name"], r => $"{r["full_name"]} ({r["company_name"]})", cancellationToken);
    }

    private async Task<Dictionary<string, Dictionary<string, string?>>> CompaniesAsync(string[] ids, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT company_unique_id, company_name, domain FROM marketing.company_master WHERE company_unique_id = ANY (@ids)
            """);
        command.Parameters.AddWithValue("ids", ids);
        return await ReadRecordsAsync(command, ["company_name", "domain"], r => $"{r["company_name"]}{(r["domain"] is { } d ? $" · {d}" : "")}", cancellationToken);
    }

    private static async Task<Dictionary<string, Dictionary<string, string?>>> ReadRecordsAsync(
        NpgsqlCommand command, string[] fields, Func<Dictionary<string, string?>, string> label, CancellationToken cancellationToken)
    {
        var records = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < fields.Length; i++)
            {
                record[fields[i]] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
            }

            record["label"] = label(record);
            records[reader.GetString(0)] = record;
        }

        return records;
    }
}

public sealed record ReviewQuery(
    string? IssueType = null,
    string? Level = null,
    decimal? MinConfidence = null,
    decimal? MaxConfidence = null,
    long? ImportId = null,
    bool? Resolved = false,
    string? Search = null,
    string? SortBy = null,
    bool Descending = false,
    int Skip = 0,
    int Take = 50,
    long? Id = null);

public sealed record ReviewRow(
    long Id, long? ImportId, string IssueType, string Level, decimal? Confidence, string? CompanyName, string? FullName, string? Title,
    int CandidateCount, string? BestCandidateId, bool Resolved, string? Resolution, string? ResolvedBy, DateTimeOffset? ResolvedAt,
    DateTimeOffset CreatedAt);

public sealed record ReviewCandidate(string Id, double Score, string Reason, bool Exists, string? Label, IReadOnlyList<FieldDiff> Fields);

/// <param name="Cells">The row as written in the file (canonical column → cell).</param>
/// <param name="Incoming">The compared fields of the row after normalization.</param>
/// <param name="CompanyId">For a person review: the company the row was matched to.</param>
public sealed record ReviewDetail(
    ReviewRow Item, IReadOnlyList<(string Column, string? Value)> Cells, IReadOnlyDictionary<string, string?> Incoming, string? CompanyId,
    IReadOnlyList<ReviewCandidate> Candidates, string? Note, int? RowNumber = null, IReadOnlyList<FieldConflict>? Conflicts = null);

public sealed record BulkOutcome(int Selected, int Resolved, int StillOpen, IReadOnlyList<string> Failures);
