using System.Text.Json;
using Npgsql;
using Portal.Domain.Backfill.Merging;

namespace Portal.Jobs.Backfill;

/// <summary>A field a revert left as it is, because someone changed or locked it after the import wrote it.</summary>
public sealed record RevertSkip(string PersonId, string Field, string? ImportWrote, string? Now, string Reason);

/// <summary>What a revert restored and removed, and what it skipped (and why).</summary>
public sealed record RevertOutcome(long ImportId, long FieldsRestored, long PeopleRemoved, long CompaniesRemoved, long BaselinesRemoved, long ReviewItemsClosed, IReadOnlyList<RevertSkip> Skipped);

/// <summary>The import cannot be reverted (already reverted, or still running); nothing was changed.</summary>
public sealed class RevertConflictException(string message) : InvalidOperationException(message);

public sealed partial class LegacyBackfillImporter
{
    private static readonly JsonSerializerOptions RevertJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// Reverts a whole import (its review resolutions included) in one transaction: every field it changed goes back to
    /// the value before the import, unless a person changed or locked the field since (skipped and listed); the people
    /// and companies it created are removed unless a person or another import has used them since; its baselines and
    /// signals are removed and its open review items closed. The log keeps every row, and the import records who reverted
    /// it, when, and what was skipped.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such import.</exception>
    /// <exception cref="RevertConflictException">Already reverted, or its run is still queued or running.</exception>
    public async Task<RevertOutcome> RevertAsync(long importId, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (reverted, running) = await BackfillImportStore.LockForRevertAsync(connection, transaction, importId, cancellationToken);
        if (reverted)
        {
            throw new RevertConflictException($"Import {importId} is reverted already.");
        }

        if (running)
        {
            throw new RevertConflictException($"Import {importId} is still running: cancel it first.");
        }

        // Per person and field: the value before the import's first change and after its last one.
        var skipped = new List<RevertSkip>();
        var changed = string.Join("\nUNION ALL\n", PersonFields.All.Select(f => $"""
            SELECT r.person_id, r.field, r.new_value, p.{f},
                   CASE WHEN p.unique_id IS NULL THEN 'the person was deleted'
                        WHEN NOT ({PersonFieldSql.Writable(f)}) THEN 'locked or corrected by hand since'
                        ELSE 'changed since the import' END
              FROM rv_change r LEFT JOIN marketing.people_master p ON p.unique_id = r.person_id
             WHERE r.field = '{f}' AND (p.unique_id IS NULL OR p.{f} IS DISTINCT FROM r.new_value OR NOT ({PersonFieldSql.Writable(f)}))
            """));
        await using (var collect = new NpgsqlCommand($"""
            CREATE TEMP TABLE rv_change ON COMMIT DROP AS
            SELECT l.matched_person_id AS person_id, c ->> 'field' AS field,
                   (array_agg(c ->> 'from' ORDER BY coalesce((c ->> 'at')::timestamptz, l.created_at), l.row_number))[1] AS old_value,
                   (array_agg(c ->> 'to' ORDER BY coalesce((c ->> 'at')::timestamptz, l.created_at) DESC, l.row_number DESC))[1] AS new_value
              FROM public.backfill_log l CROSS JOIN LATERAL jsonb_array_elements(l.actions_taken -> 'changes') c
             WHERE l.import_id = @id AND l.actions_taken ? 'changes' AND l.matched_person_id IS NOT NULL
             GROUP BY 1, 2;
            {changed};
            """, connection, transaction))
        {
            collect.Parameters.AddWithValue("id", importId);
            await using var reader = await collect.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                skipped.Add(new RevertSkip(reader.GetString(0), reader.GetString(1), Text(2), Text(3), reader.GetString(4)));
            }
        }

        var restores = string.Join("\n", PersonFields.All.Select(f => $"""
            UPDATE marketing.people_master p SET {f} = r.old_value, updated_at = now()
              FROM rv_change r
             WHERE r.person_id = p.unique_id AND r.field = '{f}' AND p.{f} IS NOT DISTINCT FROM r.new_value AND {PersonFieldSql.Writable(f)};
            """));
        var sql = $"""
            {restores}
            CREATE TEMP TABLE rv_created ON COMMIT DROP AS
            SELECT l.matched_person_id AS person_id, l.actions_taken ->> 'company_created' AS company_id
              FROM public.backfill_log l
             WHERE l.import_id = @id AND (l.actions_taken ? 'person_created' OR l.actions_taken ? 'company_created');
            """;
        await using (var restore = new NpgsqlCommand(sql, connection, transaction))
        {
            restore.Parameters.AddWithValue("id", importId);
            await restore.ExecuteNonQueryAsync(cancellationToken);
        }

        var baselines = await CountAsync(connection, transaction, """
            WITH signals AS (DELETE FROM public.bit_signal WHERE metadata ->> 'import_id' = @id::text RETURNING 1),
                 snapshots AS (DELETE FROM public.bit_baseline_snapshot WHERE import_id = @id RETURNING 1),
                 flows AS (DELETE FROM public.talent_flow_baseline WHERE metadata ->> 'import_id' = @id::text RETURNING 1)
            SELECT (SELECT count(*) FROM signals) + (SELECT count(*) FROM snapshots) + (SELECT count(*) FROM flows)
            """, importId, cancellationToken);
        var people = await CountAsync(connection, transaction, """
            WITH removed AS (
                DELETE FROM marketing.people_master p USING rv_created c
                 WHERE p.unique_id = c.person_id AND p.source_system = @source
                   AND cardinality(p.locked_fields) = 0 AND NOT p.manually_corrected_email AND NOT p.manually_corrected_title
                   AND coalesce(p.manual_overrides, '{}'::jsonb) IN ('{}'::jsonb, 'null'::jsonb)
                   AND NOT EXISTS (SELECT 1 FROM public.backfill_log o WHERE o.matched_person_id = p.unique_id AND o.import_id <> @id)
                   AND NOT EXISTS (SELECT 1 FROM marketing.company_slot s WHERE s.person_unique_id = p.unique_id)
                   AND NOT EXISTS (SELECT 1 FROM enrichment.enrichment_item e WHERE e.person_unique_id = p.unique_id)
                RETURNING 1)
            SELECT count(*) FROM removed
            """, importId, cancellationToken);
        var companies = await CountAsync(connection, transaction, """
            WITH removed AS (
                DELETE FROM marketing.company_master m USING (SELECT DISTINCT company_id FROM rv_created WHERE company_id IS NOT NULL) c
                 WHERE m.company_unique_id = c.company_id
                   AND NOT EXISTS (SELECT 1 FROM marketing.people_master p WHERE p.company_unique_id = m.company_unique_id)
                RETURNING 1)
            SELECT count(*) FROM removed
            """, importId, cancellationToken);
        var kept = await CountAsync(connection, transaction, """
            SELECT count(*) FROM rv_created c JOIN marketing.people_master p ON p.unique_id = c.person_id
            """, importId, cancellationToken);
        if (kept > 0)
        {
            skipped.Add(new RevertSkip("*", "*", null, null, $"{kept:N0} people the import created were kept: a person locked or corrected them, another import matched them, or they fill a slot or an enrichment found them since"));
        }

        var reviewItems = await CountAsync(connection, transaction, $"""
            WITH closed AS (
                UPDATE garage.missing_parts SET resolved = true, resolved_at = now(), resolved_by = @actor, resolution = '{ReviewResolutions.Dismissed}',
                       resolution_note = 'the import was reverted'
                 WHERE import_id = @id AND NOT resolved
                RETURNING 1)
            SELECT count(*) FROM closed
            """, importId, cancellationToken, actor);

        var fieldsRestored = await CountAsync(connection, transaction, "SELECT count(*) FROM rv_change", importId, cancellationToken) - skipped.Count(s => s.PersonId != "*");
        var outcome = new RevertOutcome(importId, fieldsRestored, people, companies, baselines, reviewItems, skipped);
        await BackfillImportStore.MarkRevertedAsync(connection, transaction, importId, actor,
            JsonSerializer.Serialize(outcome with { Skipped = [.. skipped.Take(1000)] }, RevertJson), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, long importId, CancellationToken cancellationToken, string? actor = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("source", SourceSystem);
        command.Parameters.AddWithValue("actor", (object?)actor ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
