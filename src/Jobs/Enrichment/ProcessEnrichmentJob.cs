using Microsoft.Extensions.Options;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Enrichment;

/// <summary>Processes every due item now, batch after batch, as a run (what <c>POST /api/enrichment/process</c> starts).</summary>
[DisallowConcurrentExecution]
public sealed class ProcessEnrichmentJob(EnrichmentProcessor processor, IOptions<EnrichmentOptions> options, RunJobServices services)
    : RunJob(services)
{
    public const string Name = "process-enrichment";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var summary = new ProcessEnrichmentSummary
        {
            Ingested = await processor.IngestAsync(full: false, run.CancellationToken),
            Recovered = await processor.RecoverExpiredClaimsAsync(run.CancellationToken),
        };
        run.Summary = summary;
        while (true)
        {
            var batch = await processor.ProcessBatchAsync(null, options.Value.BatchSize, run.CancellationToken);
            if (batch.Claimed == 0)
            {
                break;
            }

            summary.Items.Add(batch);
            await run.ReportProgressAsync(summary.Items.Claimed, message: $"{summary.Items.Claimed:N0} items: {summary.Items.Found:N0} found, {summary.Items.Failed:N0} to retry");
        }

        await processor.SaveProviderStateAsync(run.CancellationToken);
        await run.LogAsync($"Ingested {summary.Ingested:N0} tasks; processed {summary.Items.Claimed:N0} items ({summary.Items.Found:N0} found, {summary.Items.NotFound:N0} not found, {summary.Items.Failed:N0} failed, {summary.Items.DeadLettered:N0} dead-lettered).");
        return summary;
    }
}

public sealed class ProcessEnrichmentSummary
{
    public long Ingested { get; set; }

    public long Recovered { get; set; }

    public EnrichmentBatch Items { get; } = new();
}
