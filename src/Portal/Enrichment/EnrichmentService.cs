using System.Security.Claims;
using System.Text.Json;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Enrichment;
using Portal.Domain.Persistence;
using Portal.Jobs;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Runs;

namespace Portal.Enrichment;

/// <summary>The Enrichment page's and API's reads, the operator's actions on items (audited), and the jobs they start.</summary>
public sealed class EnrichmentService(EnrichmentDirectory directory, ReEnrichmentBackfill backfill, JobsService jobs, AuditWriter audit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<EnrichmentBacklog> BacklogAsync(CancellationToken cancellationToken = default) => directory.BacklogAsync(cancellationToken);

    public Task<Page<LedgerRow>> LedgerAsync(LedgerQuery query, CancellationToken cancellationToken = default) => directory.LedgerAsync(query, cancellationToken);

    public Task<IReadOnlyList<string>> ErrorClassesAsync(CancellationToken cancellationToken = default) => directory.ErrorClassesAsync(cancellationToken);

    public Task<ProviderStatus> ProviderStatusAsync(CancellationToken cancellationToken = default) => directory.ProviderStatusAsync(cancellationToken);

    public Task<IReadOnlyList<WatermarkRow>> WatermarksAsync(CancellationToken cancellationToken = default) => directory.WatermarksAsync(cancellationToken);

    public Task<EnrichmentReport> ReportAsync(int hours, CancellationToken cancellationToken = default) => directory.ReportAsync(hours, cancellationToken);

    public Task<EnrichmentHealthReport> HealthAsync(CancellationToken cancellationToken = default) => directory.HealthAsync(cancellationToken);

    public Task<ReEnrichmentEstimate> PreviewAsync(ReEnrichmentCriteria criteria, CancellationToken cancellationToken = default) => backfill.PreviewAsync(criteria, cancellationToken);

    public Task<ReEnrichmentCounts> CountsAsync(long runId, CancellationToken cancellationToken = default) => backfill.CountsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<long>> RetryNowAsync(ClaimsPrincipal actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ActAsync(actor, AuditActions.EnrichmentRetryNow, ids, directory.RetryNowAsync, cancellationToken);

    public Task<IReadOnlyList<long>> SkipAsync(ClaimsPrincipal actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ActAsync(actor, AuditActions.EnrichmentSkipped, ids, directory.SkipAsync, cancellationToken);

    public Task<IReadOnlyList<long>> DeadLetterAsync(ClaimsPrincipal actor, IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default) =>
        ActAsync(actor, AuditActions.EnrichmentDeadLettered, ids, directory.DeadLetterAsync, cancellationToken);

    /// <summary>Starts processing every due item now, as a run (audited as a trigger).</summary>
    public Task<long> ProcessNowAsync(ClaimsPrincipal actor, string source, CancellationToken cancellationToken = default) =>
        jobs.TriggerAsync(actor, ProcessEnrichmentJob.Name, "{}", false, source, cancellationToken);

    /// <summary>Starts a confirmed re-enrichment backfill as a run (audited as a trigger).</summary>
    /// <exception cref="ArgumentException">The criteria are invalid.</exception>
    public Task<long> StartReEnrichmentAsync(ClaimsPrincipal actor, ReEnrichmentCriteria criteria, string source, CancellationToken cancellationToken = default)
    {
        if (criteria.Validate() is [var error, ..])
        {
            throw new ArgumentException(error, nameof(criteria));
        }

        return jobs.TriggerAsync(actor, ReEnrichBackfillJob.Name, JsonSerializer.Serialize(criteria, Json), false, source, cancellationToken);
    }

    public Task<CancelRequest> CancelRunAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken = default) => jobs.CancelAsync(actor, runId, cancellationToken);

    public Task<RunDetail?> RunAsync(long runId, CancellationToken cancellationToken = default) => jobs.GetRunAsync(runId, 0, cancellationToken);

    private async Task<IReadOnlyList<long>> ActAsync(
        ClaimsPrincipal actor,
        string action,
        IReadOnlyCollection<long> ids,
        Func<IReadOnlyCollection<long>, CancellationToken, Task<IReadOnlyList<long>>> change,
        CancellationToken cancellationToken)
    {
        if (ids.Count is 0 or > 1000)
        {
            throw new ArgumentException("Select between 1 and 1,000 items.", nameof(ids));
        }

        var changed = await change(ids, cancellationToken);
        await audit.WriteAsync(actor, action, AuditTargets.EnrichmentItems, string.Join(',', changed.Take(50)), new { requested = ids, changed }, cancellationToken: cancellationToken);
        return changed;
    }
}
