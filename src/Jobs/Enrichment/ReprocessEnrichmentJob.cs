using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// Every 4 hours: a full sweep for tasks the incremental ingest may have missed, and seed 002's reprocessing
/// selection (NULL results nobody picks up; confidence below 0.7 older than 24 h; under the retry limit) back
/// into the queue for the continuous worker. A dry run only counts.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReprocessEnrichmentJob(EnrichmentProcessor processor, RunJobServices services) : RunJob(services)
{
    public const string Name = "reprocess-enrichment";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var ingested = run.DryRun ? 0 : await processor.IngestAsync(full: true, run.CancellationToken);
        var requeued = await processor.RequeueForReprocessingAsync(run.DryRun, run.CancellationToken);
        await run.ReportProgressAsync(requeued, requeued, force: true);
        await run.LogAsync($"{requeued:N0} items {(run.DryRun ? "would be" : "were")} queued for reprocessing; {ingested:N0} missed tasks ingested.");
        return new { dryRun = run.DryRun, ingested, requeued };
    }
}
