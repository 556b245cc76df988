using Npgsql;
using Portal.Domain.Enrichment;
using Portal.Domain.Persistence;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// The Enrichment page's and API's reads (backlog, funnel, retry ledger, provider status, watermarks, report,
/// health) and the operator's actions on a selection of items (retry now, skip, dead-letter), all set-based.
/// </summary>
public sealed class EnrichmentDirectory(NpgsqlDataSource dataSource, EnrichmentProcessor processor)
{
    /// <summary>Items per status, and per stage and stage status.</summary>
    public async Task<EnrichmentBacklog> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT 'status', status, count(*) FROM enrichment.enrichment_item GROUP BY status
            UNION ALL SELECT 'lookup', lookup_status, count(*) FROM enrichment.enrichment_item GROUP BY lookup_status
            UNION ALL SELECT 'validate', validate_status, count(*) FROM enrichment.enrichment_item GROUP BY validate_status
            UNION ALL SELECT 'apply', apply_status, count(*) FROM enrichment.enrichment_item GROUP BY apply_status
            UNION ALL SELECT 'due', 'due', count(*) FROM enrichment.enrichment_item WHERE status IN ('pending', 'failed') AND next_attempt_at <= now()
            """);
        var byStatus = EnrichmentItemStatus.All.ToDictionary(s => s, _ => 0L);
        var byStage = EnrichmentStages.All.ToDictionary(s => s, _ => StageStatus.All.ToDictionary(s => s, _ => 0L));
        long due = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (group, key, count) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            switch (group)
            {
                case "status": byStatus[key] = count; break;
                case "due": due = count; break;
                default: byStage[group][key] = count; break;
            }
        }

        var funnel = new List<FunnelStep> { new("items", byStatus.Values.Sum()) };
        funnel.AddRange(EnrichmentStages.All.Select(stage => new FunnelStep(stage, byStage[stage][StageStatus.Completed])));
        var backlog = byStatus[EnrichmentItemStatus.Pending] + byStatus[EnrichmentItemStatus.InProgress] + byStatus[EnrichmentItemStatus.Failed];
        return new EnrichmentBacklog(backlog, due, byStatus, byStage, funnel);
    }

    /// <summary>The retry ledger: items that failed at least once, filtered, sorted and paged in the database.</summary>
    public async Task<Page<LedgerRow>> LedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        var order = (query.SortBy, query.Descending) switch
        {
            ("RetryCount", var d) => $"i.enrichment_retry_count {(d ? "DESC" : "ASC")}, i.id",
            ("LastErrorClass", var d) => $"i.last_error_class {(d ? "DESC" : "ASC")} NULLS LAST, i.id",
            ("Status", var d) => $"i.status {(d ? "DESC" : "ASC")}, i.id",
            ("CompanyUniqueId", var d) => $"i.company_unique_id {(d ? "DESC" : "ASC")}, i.id",
            ("LastAttempt", var d) => $"i.last_enrichment_attempt {(d ? "DESC" : "ASC")} NULLS LAST, i.id",
            ("NextAttemptAt", true) => "i.next_attempt_at DESC NULLS LAST, i.id",
            _ => "i.next_attempt_at ASC NULLS LAST, i.id",
        };
        const string filter = """
            FROM enrichment.enrichment_item i
            WHERE (i.enrichment_retry_count > 0 OR i.status IN ('failed', 'dead_letter') OR i.last_error_class IS NOT NULL)
              AND (@status::text IS NULL OR i.status = @status)
              AND (@errorClass::text IS NULL OR i.last_error_class = @errorClass)
              AND (@q::text IS NULL OR i.company_unique_id ILIKE @q OR i.id::text = @exact)
            """;
        await using var command = dataSource.CreateCommand($"""
            SELECT i.id, i.company_unique_id, c.company_name, i.slot_type, i.status, i.enrichment_retry_count, i.next_attempt_at,
                   i.last_error_class, i.error_messages[cardinality(i.error_messages)], i.last_enrichment_attempt, i.source,
                   count(*) OVER ()
              {filter.Replace("FROM enrichment.enrichment_item i", "FROM enrichment.enrichment_item i LEFT JOIN marketing.company_master c ON c.company_unique_id = i.company_unique_id", StringComparison.Ordinal)}
             ORDER BY {order}
             LIMIT @take OFFSET @skip
            """);
        command.Parameters.AddWithValue("status", (object?)query.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("errorClass", (object?)query.ErrorClass ?? DBNull.Value);
        command.Parameters.AddWithValue("q", string.IsNullOrWhiteSpace(query.Text) ? DBNull.Value : TextSearch.ContainsPattern(query.Text));
        command.Parameters.AddWithValue("exact", query.Text?.Trim() ?? "");
        command.Parameters.AddWithValue("take", Math.Clamp(query.Take, 1, 500));
        command.Parameters.AddWithValue("skip", Math.Max(0, query.Skip));
        var rows = new List<LedgerRow>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LedgerRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetString(10)));
            total = (int)reader.GetInt64(11);
        }

        if (rows.Count == 0 && query.Skip > 0)
        {
            total = await CountLedgerAsync(query, filter, cancellationToken);
        }

        return new Page<LedgerRow>(rows, total);
    }

    public async Task<IReadOnlyList<string>> ErrorClassesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT DISTINCT last_error_class FROM enrichment.enrichment_item WHERE last_error_class IS NOT NULL ORDER BY 1 LIMIT 100");
        var classes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            classes.Add(reader.GetString(0));
        }

        return classes;
    }

    /// <summary>Calls per minute (last 5 minutes), error rate (last 15 minutes) and each node's circuit.</summary>
    public async Task<ProviderStatus> ProviderStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT count(*) FILTER (WHERE at > now() - interval '5 minutes') / 5.0,
                   count(*) FILTER (WHERE at > now() - interval '15 minutes'),
                   count(*) FILTER (WHERE at > now() - interval '15 minutes' AND outcome = 'failed'),
                   (SELECT coalesce(json_agg(json_build_object('node', node, 'circuit', circuit, 'openedAt', opened_at, 'updatedAt', updated_at) ORDER BY node), '[]')::text
                      FROM enrichment.provider_state WHERE provider = @provider AND updated_at > now() - interval '10 minutes')
              FROM enrichment.enrichment_attempt WHERE at > now() - interval '15 minutes'
            """);
        command.Parameters.AddWithValue("provider", processor.Provider.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var attempts = reader.GetInt64(1);
        var nodes = System.Text.Json.JsonSerializer.Deserialize<List<ProviderNodeState>>(reader.GetString(3), JsonWeb) ?? [];
        var circuit = nodes.Any(n => n.Circuit == CircuitBreaker.Open) ? CircuitBreaker.Open
            : nodes.Any(n => n.Circuit == CircuitBreaker.HalfOpen) ? CircuitBreaker.HalfOpen
            : CircuitBreaker.Closed;
        return new ProviderStatus(
            processor.Provider.Name,
            Math.Round((double)reader.GetDecimal(0), 1),
            attempts == 0 ? 0 : Math.Round(100.0 * reader.GetInt64(2) / attempts, 1),
            attempts,
            circuit,
            processor.Provider.CallsPerMinute,
            nodes);
    }

    /// <summary>Every watermark with how far behind now it is.</summary>
    public async Task<IReadOnlyList<WatermarkRow>> WatermarksAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT job_name, entity, watermark, now() - watermark, backfilled_at, metadata::text FROM ops.job_watermark ORDER BY job_name, entity");
        var rows = new List<WatermarkRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new WatermarkRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetTimeSpan(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }

    /// <summary>What the pipeline did over the last hours, with seed 002's completeness and quality figures.</summary>
    public async Task<EnrichmentReport> ReportAsync(int hours, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            WITH a AS (SELECT outcome, count(*) AS n FROM enrichment.enrichment_attempt WHERE at > now() - make_interval(hours => @hours) GROUP BY outcome),
            i AS (SELECT count(*) AS total,
                         count(*) FILTER (WHERE ai_confidence IS NOT NULL AND ai_label IS NOT NULL) AS complete,
                         count(*) FILTER (WHERE ai_confidence >= 0.7) AS high,
                         count(*) FILTER (WHERE ai_confidence IS NOT NULL) AS scored,
                         avg(ai_confidence) AS avg_confidence,
                         count(*) FILTER (WHERE status = 'dead_letter') AS dead
                    FROM enrichment.enrichment_item)
            SELECT coalesce((SELECT sum(n) FROM a), 0)::bigint,
                   coalesce((SELECT n FROM a WHERE outcome = 'found'), 0),
                   coalesce((SELECT n FROM a WHERE outcome = 'not_found'), 0),
                   coalesce((SELECT n FROM a WHERE outcome = 'low_confidence'), 0),
                   coalesce((SELECT n FROM a WHERE outcome = 'rejected'), 0),
                   coalesce((SELECT n FROM a WHERE outcome = 'failed'), 0),
                   i.total, i.complete, i.high, i.scored, i.avg_confidence, i.dead
              FROM i
            """);
        command.Parameters.AddWithValue("hours", hours);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (total, complete, high, scored) = (reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
        return new EnrichmentReport(
            hours,
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetInt64(5),
            reader.GetInt64(11),
            Percent(complete, total),
            Percent(high, scored),
            reader.IsDBNull(10) ? null : Math.Round(reader.GetDouble(10), 3),
            Math.Round(reader.GetInt64(0) / (double)hours, 1));
    }

    public async Task<EnrichmentHealthReport> HealthAsync(CancellationToken cancellationToken = default)
    {
        var backlog = await BacklogAsync(cancellationToken);
        var provider = await ProviderStatusAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM enrichment.enrichment_alert WHERE acknowledged_at IS NULL),
                   (SELECT count(*) FROM enrichment.enrichment_attempt WHERE at > now() - interval '1 hour'),
                   (SELECT count(*) FROM enrichment.enrichment_attempt WHERE at > now() - interval '1 hour' AND outcome = 'failed'),
                   (SELECT extract(epoch FROM now() - min(next_attempt_at))::bigint FROM enrichment.enrichment_item WHERE status IN ('pending', 'failed') AND next_attempt_at <= now())
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var facts = new EnrichmentHealthFacts(backlog.Backlog, backlog.ByStatus[EnrichmentItemStatus.DeadLetter], reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), provider.Circuit == CircuitBreaker.Open);
        var health = EnrichmentHealth.Evaluate(facts);
        return new EnrichmentHealthReport(health.Status, health.Reasons, backlog.Backlog, backlog.Due, facts.DeadLettered, facts.OpenAlerts, health.FailureRate, reader.IsDBNull(3) ? null : reader.GetInt64(3), provider);
    }

    /// <summary>Makes failed, dead-lettered or pending items due now.</summary>
    public Task<IReadOnlyList<long>> RetryNowAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, """
            UPDATE enrichment.enrichment_item
               SET status = 'pending', lookup_status = 'PENDING', validate_status = 'PENDING', apply_status = 'PENDING',
                   next_attempt_at = now(), completed_at = NULL, updated_at = now()
             WHERE id = ANY (@ids) AND status IN ('pending', 'failed', 'dead_letter')
            RETURNING id
            """, cancellationToken);

    /// <summary>Stops work on items not finished: skipped, their open routing task cancelled.</summary>
    public Task<IReadOnlyList<long>> SkipAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, """
            WITH skipped AS (
                UPDATE enrichment.enrichment_item
                   SET status = 'skipped', next_attempt_at = NULL, completed_at = now(), updated_at = now(),
                       lookup_status = CASE WHEN lookup_status = 'COMPLETED' THEN lookup_status ELSE 'SKIPPED' END,
                       validate_status = CASE WHEN validate_status = 'COMPLETED' THEN validate_status ELSE 'SKIPPED' END,
                       apply_status = CASE WHEN apply_status = 'COMPLETED' THEN apply_status ELSE 'SKIPPED' END
                 WHERE id = ANY (@ids) AND status IN ('pending', 'failed')
                RETURNING id, routing_task_id),
            tasks AS (
                UPDATE public.agent_routing_log r SET status = 'cancelled', result = 'skipped', completed_at = now()
                  FROM skipped s WHERE r.id = s.routing_task_id AND r.status IN ('queued', 'in_progress'))
            SELECT id FROM skipped
            """, cancellationToken);

    /// <summary>Gives up on items not finished: dead-lettered, alerted, their round finished as failed.</summary>
    public Task<IReadOnlyList<long>> DeadLetterAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ChangeAsync(ids, $"""
            WITH dead AS (
                UPDATE enrichment.enrichment_item
                   SET status = 'dead_letter', next_attempt_at = NULL, escalated_at = now(), completed_at = now(), updated_at = now()
                 WHERE id = ANY (@ids) AND status IN ('pending', 'failed')
                RETURNING id, routing_task_id, company_unique_id, slot_type),
            tasks AS (
                UPDATE public.agent_routing_log r SET status = 'failed', result = 'dead_letter', completed_at = now()
                  FROM dead d WHERE r.id = d.routing_task_id AND r.status IN ('queued', 'in_progress')),
            alerts AS (
                INSERT INTO enrichment.enrichment_alert (kind, severity, item_id, message, created_at)
                SELECT '{EnrichmentAlert.DeadLetterKind}', 'critical', id, format('Item %s (%s %s) dead-lettered by an operator', id, company_unique_id, slot_type), now()
                  FROM dead)
            SELECT id FROM dead
            """, cancellationToken);

    private static readonly System.Text.Json.JsonSerializerOptions JsonWeb = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static double Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private async Task<int> CountLedgerAsync(LedgerQuery query, string filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT count(*) {filter}");
        command.Parameters.AddWithValue("status", (object?)query.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("errorClass", (object?)query.ErrorClass ?? DBNull.Value);
        command.Parameters.AddWithValue("q", string.IsNullOrWhiteSpace(query.Text) ? DBNull.Value : TextSearch.ContainsPattern(query.Text));
        command.Parameters.AddWithValue("exact", query.Text?.Trim() ?? "");
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<IReadOnlyList<long>> ChangeAsync(IReadOnlyCollection<long> ids, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        var changed = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            changed.Add(reader.GetInt64(0));
        }

        return changed;
    }
}

public sealed record FunnelStep(string Stage, long Completed);

public sealed record EnrichmentBacklog(
    long Backlog,
    long Due,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, Dictionary<string, long>> ByStage,
    IReadOnlyList<FunnelStep> Funnel);

public sealed record LedgerQuery(string? Status = null, string? ErrorClass = null, string? Text = null, string? SortBy = null, bool Descending = false, int Skip = 0, int Take = 25);

public sealed record LedgerRow(
    long Id,
    string CompanyUniqueId,
    string? CompanyName,
    string SlotType,
    string Status,
    int RetryCount,
    DateTimeOffset? NextAttemptAt,
    string? LastErrorClass,
    string? LastError,
    DateTimeOffset? LastAttempt,
    string Source)
{
    public string Attempt => $"{RetryCount}/{RetrySchedule.MaxRetries}";
}

public sealed record ProviderNodeState(string Node, string Circuit, DateTimeOffset? OpenedAt, DateTimeOffset UpdatedAt);

public sealed record ProviderStatus(string Name, double CallsPerMinute, double ErrorRate, long AttemptsLast15Minutes, string Circuit, double RateLimitPerMinute, IReadOnlyList<ProviderNodeState> Nodes);

public sealed record WatermarkRow(string JobName, string Entity, DateTimeOffset Watermark, TimeSpan Lag, DateTimeOffset? BackfilledAt, string? Metadata);

public sealed record EnrichmentReport(
    int Hours,
    long Attempts,
    long Found,
    long NotFound,
    long LowConfidence,
    long Rejected,
    long Failed,
    long DeadLettered,
    double CompletenessRate,
    double HighConfidenceRate,
    double? AverageConfidence,
    double AttemptsPerHour);

public sealed record EnrichmentHealthReport(
    string Status,
    IReadOnlyList<string> Reasons,
    long Backlog,
    long Due,
    long DeadLettered,
    long OpenAlerts,
    double FailureRate,
    long? OldestDueSeconds,
    ProviderStatus Provider);
