using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Backfill.Records;

namespace Portal.Jobs.Backfill;

/// <summary>Which decision a review item waits for: the company of the row, or its person within a known company.</summary>
public enum ReviewLevel
{
    Company,
    Person,
}

/// <summary>What a reviewer does with an item.</summary>
public enum ReviewAction
{
    /// <summary>The row is this candidate.</summary>
    Link,

    /// <summary>None of the candidates: create a new record.</summary>
    CreateNew,

    /// <summary>Do not import the row (a reason is required).</summary>
    Dismiss,
}

public static class ReviewResolutions
{
    public const string Linked = "linked";
    public const string Created = "created";
    public const string Dismissed = "dismissed";
}

/// <summary>A reviewer's decision, applied to the level under review as if the matcher had made it.</summary>
internal sealed record ReviewDecision(ReviewLevel Level, Guid LogId, string? CompanyId, MatchDecision Decision);

/// <summary>What resolving did. <paramref name="StillOpen"/>: the company was decided, and the person now waits for review.</summary>
public sealed record ReviewOutcome(long MissingId, string? Resolution, bool StillOpen, string? CompanyId, string? PersonId, string Message);

/// <summary>The row could not be resolved as asked (already resolved, unknown candidate, no reason, …); nothing was written.</summary>
public sealed class ReviewConflictException(string message) : InvalidOperationException(message);

public sealed partial class LegacyBackfillImporter
{
    private static readonly JsonSerializerOptions ChangesJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Resolves one review item (<c>garage.missing_parts</c>) with the import's own create/update logic: the
    /// reviewer's choice replaces the matcher's decision at the level under review, everything else (normalization,
    /// person matching after a company is chosen, locks, baselines, the log row) is what an import does. What it
    /// changed is kept with the item so that <see cref="ReopenAsync"/> can undo it.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    /// <exception cref="ReviewConflictException">Already resolved, not a candidate, no reason for a dismissal, or the row cannot be applied.</exception>
    public async Task<ReviewOutcome> ResolveAsync(long missingId, ReviewAction action, string? candidateId, string? note, string actor, BackfillImportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var item = await LockItemAsync(connection, transaction, missingId, cancellationToken);
        if (item.Resolved)
        {
            throw new ReviewConflictException($"Review item {missingId} is already resolved.");
        }

        if (action == ReviewAction.Dismiss)
        {
            if (string.IsNullOrWhiteSpace(note))
            {
                throw new ReviewConflictException("A dismissal needs a reason.");
            }

            await CloseItemAsync(connection, transaction, missingId, ReviewResolutions.Dismissed, actor, note, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ReviewOutcome(missingId, ReviewResolutions.Dismissed, false, null, null, "Dismissed: the row is not imported.");
        }

        var level = item.Attempts["person"] is null ? ReviewLevel.Company : ReviewLevel.Person;
        var candidates = item.Attempts[level == ReviewLevel.Person ? "person" : "company"]?["candidates"]?.AsArray() ?? [];
        MatchDecision decision = MatchDecision.None;
        if (action == ReviewAction.Link)
        {
            var chosen = candidates.FirstOrDefault(c => (string?)c?["id"] == candidateId)
                ?? throw new ReviewConflictException($"'{candidateId}' is not one of the item's candidates.");
            decision = new MatchDecision(MatchKind.Fuzzy, candidateId, (double?)chosen["score"] ?? 0, [new MatchCandidate(candidateId!, (double?)chosen["score"] ?? 0, "reviewed")]);
        }

        var review = new ReviewDecision(level, item.LogId, (string?)item.Attempts["company_id"], decision);
        // The reviewer decides the level under review, so no company has to be looked up: the index stays empty.
        var context = new ImportContext(item.ImportId, options, new CompanyIndex(options.Thresholds.CompanyReview), new BackfillImportSummary { ImportId = item.ImportId })
        {
            Review = review,
        };
        await CreateTempTablesAsync(connection, transaction, cancellationToken);
        var work = await DecideAsync(connection, transaction, context, [Prepare(item.Row, new RowNormalizer(options.Rules))], cancellationToken);
        var row = work[0];
        if (row.Status == ResolutionStatus.Error)
        {
            throw new ReviewConflictException($"The row cannot be applied: {row.Error}");
        }

        row.Actions["review"] = new JsonObject { ["missing_id"] = missingId, ["action"] = action.ToString(), ["by"] = actor };
        var talentFlowBefore = row.PersonId is { } personId && !row.Actions.ContainsKey("person_created")
            ? await TalentFlowRowAsync(connection, transaction, personId, cancellationToken)
            : null;
        await WriteAsync(connection, transaction, context, work, cancellationToken);
        if (row.Status == ResolutionStatus.Unresolved)
        {
            await transaction.CommitAsync(cancellationToken);
            return new ReviewOutcome(missingId, null, true, row.CompanyId, null,
                $"Company {row.CompanyId} chosen; the person is not certain either and now waits for review.");
        }

        var resolution = action == ReviewAction.Link ? ReviewResolutions.Linked : ReviewResolutions.Created;
        var changes = new JsonObject
        {
            ["status"] = row.Status,
            ["company_created"] = (string?)row.Actions["company_created"],
            ["person_id"] = row.PersonId,
            ["person_created"] = row.Actions.ContainsKey("person_created"),
            ["previous_values"] = JsonSerializer.SerializeToNode(row.Changes.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.First().From)),
            ["talent_flow_before"] = talentFlowBefore,
            ["log_before"] = item.LogBefore,
            ["match_attempts_before"] = item.Attempts.DeepClone(),
        };
        await CloseItemAsync(connection, transaction, missingId, resolution, actor, note, changes.ToJsonString(ChangesJson), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReviewOutcome(missingId, resolution, false, row.CompanyId, row.PersonId,
            row.Status == ResolutionStatus.SkippedLocked
                ? $"Linked to {row.PersonId}; every differing field is locked, nothing changed."
                : $"{(resolution == ReviewResolutions.Linked ? "Linked to" : "Created")} {row.PersonId} at {row.CompanyId}.");
    }

    /// <summary>
    /// Undoes a resolution: restores the fields it overwrote (unless locked since), removes the person and company it
    /// created and the baselines it wrote, puts the log row back to <c>unresolved</c> and reopens the item.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such item.</exception>
    /// <exception cref="ReviewConflictException">The item is open, or what it created is in use by now.</exception>
    public async Task ReopenAsync(long missingId, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var item = await LockItemAsync(connection, transaction, missingId, cancellationToken);
        if (!item.Resolved)
        {
            throw new ReviewConflictException($"Review item {missingId} is not resolved.");
        }

        if (item.Changes is { } changes)
        {
            try
            {
                await UndoAsync(connection, transaction, item, changes, cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                throw new ReviewConflictException($"Cannot undo: what the resolution created is in use by now ({ex.MessageText}).");
            }
        }

        await using (var reopen = new NpgsqlCommand("""
            UPDATE garage.missing_parts
               SET resolved = false, resolved_at = NULL, resolved_by = NULL, resolution = NULL, resolution_changes = NULL,
                   resolution_note = 'reopened by ' || @actor || ' (was ' || coalesce(resolution, '?') || ')'
             WHERE missing_id = @id
            """, connection, transaction))
        {
            reopen.Parameters.AddWithValue("id", missingId);
            reopen.Parameters.AddWithValue("actor", actor);
            await reopen.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task UndoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, LockedItem item, JsonObject changes, CancellationToken cancellationToken)
    {
        var personId = (string?)changes["person_id"];
        var restore = (changes["previous_values"]?.AsObject() ?? []).Where(p => PersonFields.IsField(p.Key)).ToList();
        var sets = restore.Select((p, i) => $"{p.Key} = CASE WHEN {PersonFieldSql.Writable(p.Key)} THEN @v{i} ELSE p.{p.Key} END");
        var log = changes["log_before"]!;
        var sql = $"""
            -- Through the person's index: the resolution's baselines are that person's rows that name its log row.
            DELETE FROM public.bit_signal WHERE person_unique_id = @person AND metadata ->> 'backfill_log_id' = @log;
            DELETE FROM public.bit_baseline_snapshot WHERE person_unique_id = @person AND metadata ->> 'backfill_log_id' = @log;
            DELETE FROM public.talent_flow_baseline WHERE person_unique_id = @person AND metadata ->> 'backfill_log_id' = @log;
            INSERT INTO public.talent_flow_baseline (person_unique_id, enrichment_hash, snapshot_data, baseline_date, source, metadata)
            SELECT @person, t.enrichment_hash, t.snapshot_data, t.baseline_date, t.source, t.metadata
              FROM jsonb_to_record(@tf::jsonb) AS t(enrichment_hash text, snapshot_data jsonb, baseline_date date, source text, metadata jsonb)
             WHERE @tf IS NOT NULL
            ON CONFLICT (person_unique_id) DO NOTHING;
            {(restore.Count == 0 ? "" : $"UPDATE marketing.people_master p SET {string.Join(", ", sets)}, updated_at = now() WHERE p.unique_id = @person;")}
            DELETE FROM marketing.people_master WHERE unique_id = @person AND @person_created AND source_system = '{SourceSystem}';
            DELETE FROM marketing.company_master c WHERE c.company_unique_id = @company
               AND NOT EXISTS (SELECT 1 FROM marketing.people_master p WHERE p.company_unique_id = c.company_unique_id);
            UPDATE public.backfill_log SET match_type = @match_type, match_confidence = @confidence, matched_company_id = @matched_company,
                   matched_person_id = @matched_person, resolution_status = '{ResolutionStatus.Unresolved}', actions_taken = @actions::jsonb, error_message = NULL
             WHERE id = @log_id;
            UPDATE garage.missing_parts SET match_attempts = @attempts::jsonb WHERE missing_id = @missing;
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("log", item.LogId.ToString());
        command.Parameters.AddWithValue("log_id", item.LogId);
        command.Parameters.AddWithValue("missing", item.MissingId);
        command.Parameters.AddWithValue("person", (object?)personId ?? DBNull.Value);
        command.Parameters.AddWithValue("person_created", (bool?)changes["person_created"] ?? false);
        command.Parameters.AddWithValue("company", (object?)(string?)changes["company_created"] ?? DBNull.Value);
        command.Parameters.AddWithValue("tf", (object?)changes["talent_flow_before"]?.ToJsonString() ?? DBNull.Value);
        command.Parameters.AddWithValue("match_type", (object?)(string?)log["match_type"] ?? DBNull.Value);
        command.Parameters.AddWithValue("confidence", (object?)(decimal?)log["match_confidence"] ?? DBNull.Value);
        command.Parameters.AddWithValue("matched_company", (object?)(string?)log["matched_company_id"] ?? DBNull.Value);
        command.Parameters.AddWithValue("matched_person", (object?)(string?)log["matched_person_id"] ?? DBNull.Value);
        command.Parameters.AddWithValue("actions", log["actions_taken"]?.ToJsonString() ?? "{}");
        command.Parameters.AddWithValue("attempts", changes["match_attempts_before"]?.ToJsonString() ?? "{}");
        for (var i = 0; i < restore.Count; i++)
        {
            command.Parameters.AddWithValue($"v{i}", (object?)(string?)restore[i].Value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record LockedItem(long MissingId, bool Resolved, long ImportId, Guid LogId, JsonObject Attempts, LegacyCsvRow Row, JsonObject LogBefore, JsonObject? Changes);

    private static async Task<LockedItem> LockItemAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long missingId, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT m.resolved, m.import_id, m.backfill_log_id, m.match_attempts::text, m.resolution_changes::text, l.row_number, l.source_data::text,
                   json_build_object('match_type', l.match_type, 'match_confidence', l.match_confidence, 'matched_company_id', l.matched_company_id,
                                     'matched_person_id', l.matched_person_id, 'actions_taken', l.actions_taken)::text
              FROM garage.missing_parts m JOIN public.backfill_log l ON l.id = m.backfill_log_id
             WHERE m.missing_id = @id
               FOR UPDATE OF m
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", missingId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new KeyNotFoundException($"There is no review item {missingId} from a legacy import.");
        }

        var source = JsonNode.Parse(reader.GetString(6))!.AsObject();
        return new LockedItem(
            missingId,
            reader.GetBoolean(0),
            reader.GetInt64(1),
            reader.GetGuid(2),
            JsonNode.Parse(reader.IsDBNull(3) ? "{}" : reader.GetString(3))!.AsObject(),
            RowFromSource(reader.GetInt32(5), source),
            JsonNode.Parse(reader.GetString(7))!.AsObject(),
            reader.IsDBNull(4) ? null : JsonNode.Parse(reader.GetString(4))!.AsObject());
    }

    /// <summary>The row as the import read it, from its logged source data (canonical column → cell, and the raw cells for the hash).</summary>
    private static LegacyCsvRow RowFromSource(int rowNumber, JsonObject source)
    {
        var values = source["row"]?.AsObject() ?? throw new ReviewConflictException("The logged row has no readable cells.");
        var raw = source["cells"]?.AsArray().Select(c => (string?)c ?? "").ToList() ?? LegacyColumns.All.Select(c => (string?)values[c] ?? "").ToList();
        return new LegacyCsvRow(rowNumber, raw, LegacyColumns.FromLogged(values), null);
    }

    private static async Task<JsonNode?> TalentFlowRowAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string personId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT json_build_object('enrichment_hash', enrichment_hash, 'snapshot_data', snapshot_data, 'baseline_date', baseline_date,
                                     'source', source, 'metadata', metadata)::text
              FROM public.talent_flow_baseline WHERE person_unique_id = @person
            """, connection, transaction);
        command.Parameters.AddWithValue("person", personId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonNode.Parse(json) : null;
    }

    private static async Task CloseItemAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long missingId, string resolution, string actor, string? note, string? changes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE garage.missing_parts
               SET resolved = true, resolved_at = now(), resolved_by = @actor, resolution = @resolution, resolution_note = @note,
                   resolution_changes = @changes::jsonb
             WHERE missing_id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", missingId);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("resolution", resolution);
        command.Parameters.AddWithValue("note", (object?)note ?? DBNull.Value);
        command.Parameters.AddWithValue("changes", (object?)changes ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
