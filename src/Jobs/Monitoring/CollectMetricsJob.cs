using Portal.Jobs.Backfill;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Monitoring;

/// <summary>
/// Every minute: computes every metric, stores the snapshot (one sample per metric and minute, and the hour's average),
/// evaluates the alert rules, delivers due webhook notifications and drops samples past retention.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CollectMetricsJob(
    MetricsCollector collector,
    AlertEngine alerts,
    WebhookNotifier webhook,
    MetricSampleStore samples,
    RunJobServices services)
    : RunJob(services)
{
    public const string Name = "collect-metrics";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var values = await collector.CollectAsync(ImportLegacyBackfillJob.Name, run.CancellationToken);
        await samples.StoreAsync(values, run.CancellationToken);
        var evaluation = await alerts.EvaluateAsync(values, run.CancellationToken);
        var delivery = await webhook.DeliverDueAsync(run.CancellationToken);
        var purged = await samples.PurgeAsync(run.CancellationToken);
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
}
