using Portal.Domain.Enrichment;
using Portal.Jobs.Runs;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// Seed 004's re-enrichment backfill as a run: selects, then processes the run's items batch by batch with a pause
/// between batches, with progress and succeeded/failed/skipped counts. Cancelling keeps what finished and skips
/// the rest. A dry run reports the preview (count, provider calls, estimated time) and changes nothing.
/// </summary>
public sealed class ReEnrichBackfillJob(ReEnrichmentBackfill backfill, EnrichmentProcessor processor, RunJobServices services) : RunJob(services)
{
    public const string Name = "re-enrich-backfill";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var criteria = run.GetParameters<ReEnrichmentCriteria>();
        var preview = await backfill.PreviewAsync(criteria, run.CancellationToken);
        if (run.DryRun)
        {
            await run.LogAsync($"Would re-enrich {preview.Items:N0} slots with {preview.ProviderCalls:N0} provider calls in about {preview.Duration:hh\\:mm\\:ss}.");
            return new { dryRun = true, criteria.Selection, preview.Items, preview.ProviderCalls, EstimatedSeconds = (long)preview.Duration.TotalSeconds };
        }

        var total = await backfill.SelectAsync(criteria, run.RunId, run.CancellationToken);
        await run.LogAsync($"Selected {total:N0} slots ({criteria.Selection}{(criteria.SlotType is null ? "" : $", {criteria.SlotType}")}); batches of {criteria.BatchSize}, {criteria.DelayMs} ms apart.");
        var summary = new ReEnrichSummary { Selection = criteria.Selection, Total = total };
        run.Summary = summary;
        await run.ReportProgressAsync(run.ResumeFrom, total, force: true);
        try
        {
            while (true)
            {
                var batch = await processor.ProcessBatchAsync(run.RunId, criteria.BatchSize, run.CancellationToken);
                await Refresh(run, summary);
                if (batch.Claimed == 0)
                {
                    break;
                }

                await Task.Delay(criteria.DelayMs, run.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (run.CancelRequested)
        {
            summary.SkippedOnCancel = await backfill.SkipRemainingAsync(run.RunId, CancellationToken.None);
            await Refresh(run, summary, CancellationToken.None);
            throw;
        }

        return summary;
    }

    private async Task Refresh(RunContext run, ReEnrichSummary summary, CancellationToken? cancellationToken = null)
    {
        var counts = await backfill.CountsAsync(run.RunId, cancellationToken ?? run.CancellationToken);
        (summary.Succeeded, summary.Found, summary.Failed, summary.Skipped) = (counts.Succeeded, counts.Found, counts.Failed, counts.Skipped);
        var done = counts.Total - counts.Pending;
        await run.ReportProgressAsync(done, counts.Total, $"{summary.Succeeded:N0} succeeded ({summary.Found:N0} found), {summary.Failed:N0} failed, {summary.Skipped:N0} skipped");
    }
}

public sealed class ReEnrichSummary
{
    public string Selection { get; set; } = "";

    public long Total { get; set; }

    public long Succeeded { get; set; }

    public long Found { get; set; }

    public long Failed { get; set; }

    public long Skipped { get; set; }

    public long SkippedOnCancel { get; set; }
}
