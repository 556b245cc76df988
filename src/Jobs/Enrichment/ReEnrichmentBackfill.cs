using Npgsql;
using Portal.Domain.Enrichment;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// Seed 004's re-enrichment backfill over the items: selects the newest item of each company slot matching the
/// criteria, previews the count and cost, creates one new item per selected slot for a run, and reports the run's
/// counts. The job processes the run's items; a cancel leaves what finished and skips the rest.
/// </summary>
public sealed class ReEnrichmentBackfill(NpgsqlDataSource dataSource, EnrichmentProcessor processor)
{
    // The newest item per company slot decides; slots filled meanwhile need nothing, unless the answer is just old.
    private const string Selection = """
        FROM enrichment.enrichment_item i
        WHERE NOT EXISTS (SELECT 1 FROM enrichment.enrichment_item n
                           WHERE n.company_unique_id = i.company_unique_id AND n.slot_type = i.slot_type AND n.id > i.id)
          AND (@slot::text IS NULL OR i.slot_type = @slot)
          AND CASE @selection
                WHEN 'placeholder' THEN i.status = 'completed' AND i.ai_label IN ('not_found', 'rejected')
                WHEN 'failed' THEN i.status = 'dead_letter'
                WHEN 'low_confidence' THEN i.status = 'completed' AND i.ai_confidence < 0.7
                WHEN 'stale' THEN i.status = 'completed' AND i.last_enrichment_attempt < now() - make_interval(days => @days)
              END
          AND (@selection = 'stale' OR NOT EXISTS (SELECT 1 FROM marketing.company_slot s
                           WHERE s.company_unique_id = i.company_unique_id AND s.slot_type = i.slot_type AND s.status = 'filled'))
        """;

    public async Task<ReEnrichmentEstimate> PreviewAsync(ReEnrichmentCriteria criteria, CancellationToken cancellationToken = default)
    {
        Validate(criteria);
        await using var command = Command($"SELECT count(*) {Selection}", criteria);
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return ReEnrichmentEstimate.Of(count, criteria.BatchSize, criteria.DelayMs, processor.Provider.CallsPerMinute);
    }

    /// <summary>Creates the run's items, unless an earlier attempt of the same run already did (a recovered run resumes).</summary>
    public async Task<long> SelectAsync(ReEnrichmentCriteria criteria, long runId, CancellationToken cancellationToken = default)
    {
        Validate(criteria);
        await using var command = Command($"""
            WITH existing AS (SELECT count(*) AS n FROM enrichment.enrichment_item WHERE backfill_run_id = @run),
            created AS (
                INSERT INTO enrichment.enrichment_item (source, company_unique_id, slot_type, backfill_run_id, status, next_attempt_at, created_at, updated_at)
                SELECT '{EnrichmentSources.ReEnrichment}', i.company_unique_id, i.slot_type, @run, 'pending', NULL, now(), now()
                {Selection}
                   AND (SELECT n FROM existing) = 0
                RETURNING 1)
            SELECT (SELECT n FROM existing) + (SELECT count(*) FROM created)
            """, criteria);
        command.Parameters.AddWithValue("run", runId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>After a cancel: the run's items not yet processed are skipped; finished ones stay as they are.</summary>
    public async Task<long> SkipRemainingAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE enrichment.enrichment_item
               SET status = 'skipped', lookup_status = 'SKIPPED', validate_status = 'SKIPPED', apply_status = 'SKIPPED',
                   error_messages = error_messages || 're-enrichment cancelled'::text, completed_at = now(), updated_at = now()
             WHERE backfill_run_id = @run AND status = 'pending' AND next_attempt_at IS NULL
            """);
        command.Parameters.AddWithValue("run", runId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The run's items by outcome: succeeded (answered), failed (retrying or dead-lettered), skipped, pending.</summary>
    public async Task<ReEnrichmentCounts> CountsAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE status = 'completed'),
                   count(*) FILTER (WHERE status = 'completed' AND ai_label = 'found'),
                   count(*) FILTER (WHERE status IN ('failed', 'dead_letter')),
                   count(*) FILTER (WHERE status = 'skipped'),
                   count(*) FILTER (WHERE status IN ('pending', 'in_progress')),
                   count(*)
              FROM enrichment.enrichment_item WHERE backfill_run_id = @run
            """);
        command.Parameters.AddWithValue("run", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new ReEnrichmentCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    private static void Validate(ReEnrichmentCriteria criteria)
    {
        if (criteria.Validate() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(criteria));
        }
    }

    private NpgsqlCommand Command(string sql, ReEnrichmentCriteria criteria)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("selection", criteria.Selection);
        command.Parameters.AddWithValue("slot", (object?)criteria.SlotType ?? DBNull.Value);
        command.Parameters.AddWithValue("days", criteria.StaleDays);
        return command;
    }
}

public sealed record ReEnrichmentCounts(long Succeeded, long Found, long Failed, long Skipped, long Pending, long Total);
