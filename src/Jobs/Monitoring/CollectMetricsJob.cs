using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Portal.Jobs.Backfill;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Monitoring;

/// <summary>
/// Every minute: computes every metric, stores the snapshot (one sample per metric and minute), evaluates the alert
/// rules, delivers due webhook notifications and drops samples past retention.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CollectMetricsJob(
    MetricsCollector collector,
    AlertEngine alerts,
    WebhookNotifier webhook,
    NpgsqlDataSource dataSource,
    IOptions<MonitoringOptions> options,
    RunJobServices services)
    : RunJob(services)
{
    public const string Name = "collect-metrics";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var values = await collector.CollectAsync(ImportLegacyBackfillJob.Name, run.CancellationToken);
        await StoreAsync(values, run.CancellationToken);
        var evaluation = await alerts.EvaluateAsync(values, run.CancellationToken);
        var delivery = await webhook.DeliverDueAsync(run.CancellationToken);
        await using var purge = dataSource.CreateCommand("DELETE FROM ops.metric_sample WHERE at < now() - make_interval(days => @days)");
        purge.Parameters.AddWithValue("days", options.Value.SampleRetentionDays);
        var purged = await purge.ExecuteNonQueryAsync(run.CancellationToken);
        await run.ReportProgressAsync(1, 1, "Metrics stored, rules evaluated", force: true);
        return new
        {
            metrics = values.Count(v => v.Value is not null),
            unknown = values.Count(v => v.Value is null),
            evaluation.Opened,
            evaluation.Fired,
            evaluation.Resolved,
            evaluation.Notifications,
            delivery.Delivered,
            delivery.Retrying,
            delivery.GaveUp,
            purgedSamples = purged,
        };
    }

    /// <summary>One sample per metric for this minute; a second run in the same minute replaces it.</summary>
    private async Task StoreAsync(IReadOnlyDictionary<string, double?> values, CancellationToken cancellationToken)
    {
        var known = values.Where(v => v.Value is not null).ToList();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ops.metric_sample (name, at, value)
            SELECT name, date_trunc('minute', now()), value FROM unnest(@names, @values) AS s(name, value)
            ON CONFLICT (name, at) DO UPDATE SET value = EXCLUDED.value
            """);
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, known.Select(v => v.Key).ToArray());
        command.Parameters.AddWithValue("values", NpgsqlDbType.Array | NpgsqlDbType.Double, known.Select(v => v.Value!.Value).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
