using Npgsql;
using Portal.Domain.Monitoring;
using Portal.Domain.Runs;

namespace Portal.Jobs.Monitoring;

/// <summary>
/// Computes every metric of <see cref="MetricCatalog"/> now, in one round trip of aggregate queries. Each query
/// reads one table once (or an index range), so the cost grows with the rows of that table, never with their
/// product. A metric with nothing to compute it from is null, not 0: an empty pipeline is not "0 % complete".
/// </summary>
public sealed class MetricsCollector(NpgsqlDataSource dataSource)
{
    private const string ItemSql = """
        SELECT 100.0 * count(*) FILTER (WHERE ai_confidence IS NOT NULL AND ai_label IS NOT NULL) / nullif(count(*) FILTER (WHERE status <> 'skipped'), 0),
               count(*) FILTER (WHERE status IN ('pending', 'failed', 'in_progress')),
               100.0 * avg(ai_confidence),
               100.0 * count(*) FILTER (WHERE ai_confidence < 0.5) / nullif(count(ai_confidence), 0),
               100.0 * count(*) FILTER (WHERE ai_confidence >= 0.5 AND ai_confidence < 0.7) / nullif(count(ai_confidence), 0),
               100.0 * count(*) FILTER (WHERE ai_confidence >= 0.7 AND ai_confidence < 0.9) / nullif(count(ai_confidence), 0),
               100.0 * count(*) FILTER (WHERE ai_confidence >= 0.9) / nullif(count(ai_confidence), 0),
               count(*) FILTER (WHERE status = 'dead_letter'),
               count(*) FILTER (WHERE completed_at > now() - interval '1 hour')
          FROM enrichment.enrichment_item
        """;

    private const string AttemptSql = """
        SELECT avg(duration_ms), 100.0 * count(*) FILTER (WHERE outcome = 'failed') / nullif(count(*), 0)
          FROM enrichment.enrichment_attempt WHERE at > now() - interval '1 hour'
        """;

    private const string SlotSql = """
        SELECT 100.0 * count(*) FILTER (WHERE slot_type = 'CEO' AND status = 'filled') / nullif(count(*) FILTER (WHERE slot_type = 'CEO'), 0),
               100.0 * count(*) FILTER (WHERE slot_type = 'CFO' AND status = 'filled') / nullif(count(*) FILTER (WHERE slot_type = 'CFO'), 0),
               100.0 * count(*) FILTER (WHERE slot_type = 'HR' AND status = 'filled') / nullif(count(*) FILTER (WHERE slot_type = 'HR'), 0)
          FROM marketing.company_slot
        """;

    private static readonly string RunSql = $"""
        SELECT 100.0 * count(*) FILTER (WHERE status = 'succeeded') / nullif(count(*) FILTER (WHERE status IN ('succeeded', 'failed')), 0),
               count(*) FILTER (WHERE status = 'failed' AND job_name = @import),
               (SELECT count(*) FROM ops.job_run WHERE status IN ('{RunStatus.Queued.ToDb()}', '{RunStatus.Running.ToDb()}')),
               (SELECT count(*) FROM garage.missing_parts WHERE NOT resolved)
          FROM ops.job_run WHERE finished_at > now() - interval '24 hours' AND job_name <> '{CollectMetricsJob.Name}'
        """;

    /// <param name="importJobName">The legacy import job, whose failures are "backfill run health".</param>
    public async Task<IReadOnlyDictionary<string, double?>> CollectAsync(string importJobName, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new(ItemSql), new(AttemptSql), new(SlotSql), new(RunSql) { Parameters = { new("import", importJobName) } } },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await ReadAsync(reader, values, cancellationToken,
            MetricCatalog.CompletenessRate, MetricCatalog.BacklogSize, MetricCatalog.QualityScore, MetricCatalog.ConfidenceBelow50,
            MetricCatalog.Confidence50To70, MetricCatalog.Confidence70To90, MetricCatalog.Confidence90Up, MetricCatalog.DeadLetterItems,
            MetricCatalog.Throughput);
        await reader.NextResultAsync(cancellationToken);
        await ReadAsync(reader, values, cancellationToken, MetricCatalog.ProcessingDuration, MetricCatalog.FailureRate);
        await reader.NextResultAsync(cancellationToken);
        await ReadAsync(reader, values, cancellationToken, MetricCatalog.FillRateCeo, MetricCatalog.FillRateCfo, MetricCatalog.FillRateHr);
        await reader.NextResultAsync(cancellationToken);
        await ReadAsync(reader, values, cancellationToken,
            MetricCatalog.PipelineSuccessRate, MetricCatalog.BackfillFailedRuns, MetricCatalog.RunningJobs, MetricCatalog.ReviewQueueSize);
        return values;
    }

    private static async Task ReadAsync(NpgsqlDataReader reader, Dictionary<string, double?> values, CancellationToken cancellationToken, params string[] names)
    {
        await reader.ReadAsync(cancellationToken);
        for (var i = 0; i < names.Length; i++)
        {
            values[names[i]] = reader.IsDBNull(i) ? null : Math.Round(Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture), 2);
        }
    }
}
