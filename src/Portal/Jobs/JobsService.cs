using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Persistence;
using Portal.Domain.Runs;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Quartz;

namespace Portal.Jobs;

/// <summary>What the Jobs and Runs pages and the jobs API show and do.</summary>
public sealed class JobsService(
    JobCatalog catalog,
    JobScheduleService schedules,
    IDbContextFactory<PortalDbContext> contexts,
    JobTriggerService triggers,
    RunStore runs,
    RunHistory history,
    AuditWriter audit)
{
    public async Task<IReadOnlyList<JobSummary>> ListJobsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lastRuns = await db.JobRuns.AsNoTracking()
            .GroupBy(r => r.JobName)
            .Select(g => g.OrderByDescending(r => r.Id).First())
            .ToDictionaryAsync(r => r.JobName, cancellationToken);

        var result = new List<JobSummary>();
        foreach (var job in catalog.All.OrderBy(j => j.Title))
        {
            result.Add(new JobSummary(job, await schedules.GetAsync(job, cancellationToken), lastRuns.GetValueOrDefault(job.Name)));
        }

        return result;
    }

    public async Task<long> TriggerAsync(ClaimsPrincipal actor, string jobName, string parametersJson, bool dryRun, string source, CancellationToken cancellationToken = default)
    {
        var by = AuditWriter.ActorName(actor);
        var runId = await triggers.TriggerAsync(new TriggerRequest(jobName, source, by, parametersJson, dryRun), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.JobTriggered, "job", jobName, new { runId, dryRun, parameters = parametersJson, source }, cancellationToken: cancellationToken);
        return runId;
    }

    public async Task<ScheduleChange> PauseAsync(ClaimsPrincipal actor, string jobName, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ScheduleChange.Invalid("A reason is required to pause a schedule.");
        }

        var job = catalog.Find(jobName);
        if (job is null || !await schedules.PauseAsync(job, reason, AuditWriter.ActorName(actor), cancellationToken))
        {
            return ScheduleChange.NotFound(jobName);
        }

        await audit.WriteAsync(actor, AuditActions.JobPaused, "job", job.Name, new { reason }, cancellationToken: cancellationToken);
        return ScheduleChange.Done;
    }

    public async Task<ScheduleChange> ResumeAsync(ClaimsPrincipal actor, string jobName, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return ScheduleChange.Invalid("A reason is required to resume a schedule.");
        }

        var job = catalog.Find(jobName);
        if (job is null || !await schedules.ResumeAsync(job, cancellationToken))
        {
            return ScheduleChange.NotFound(jobName);
        }

        await audit.WriteAsync(actor, AuditActions.JobResumed, "job", job.Name, new { reason }, cancellationToken: cancellationToken);
        return ScheduleChange.Done;
    }

    public async Task<ScheduleChange> RescheduleAsync(ClaimsPrincipal actor, string jobName, string cron, CancellationToken cancellationToken = default)
    {
        var job = catalog.Find(jobName);
        if (job is null)
        {
            return ScheduleChange.NotFound(jobName);
        }

        if (JobScheduleService.Validate(cron) is { } error)
        {
            return ScheduleChange.Invalid(error);
        }

        var before = (await schedules.GetAsync(job, cancellationToken)).Cron;
        await schedules.RescheduleAsync(job, cron, cancellationToken);
        await audit.WriteAsync(actor, AuditActions.JobRescheduled, "job", job.Name, new { from = before, to = cron.Trim() }, cancellationToken: cancellationToken);
        return ScheduleChange.Done;
    }

    public Task<IReadOnlyList<ClusterNode>> ClusterNodesAsync(CancellationToken cancellationToken = default) =>
        schedules.ClusterNodesAsync(cancellationToken);

    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run cannot be retried (it did not fail).</exception>
    /// <exception cref="JobAlreadyActiveException">The job is exclusive and already running.</exception>
    public async Task<long> RetryAsync(ClaimsPrincipal actor, long runId, string source, CancellationToken cancellationToken = default)
    {
        var newRunId = await triggers.RetryAsync(runId, source, AuditWriter.ActorName(actor), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.RunRetried, "run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), new { newRunId }, cancellationToken: cancellationToken);
        return newRunId;
    }

    public async Task<bool> DeleteRunAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken = default)
    {
        var deleted = await runs.DeleteFinishedAsync(runId, cancellationToken);
        if (deleted)
        {
            await audit.WriteAsync(actor, AuditActions.RunDeleted, "run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }

        return deleted;
    }

    public async Task<CancelRequest> CancelAsync(ClaimsPrincipal actor, long runId, CancellationToken cancellationToken = default)
    {
        var result = await runs.RequestCancelAsync(runId, AuditWriter.ActorName(actor), cancellationToken);
        if (result == CancelRequest.Requested)
        {
            await audit.WriteAsync(actor, AuditActions.RunCancelRequested, "run", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }

        return result;
    }

    public Task<Page<JobRun>> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        history.SearchAsync(query, cancellationToken);

    public Task<RunDetail?> GetRunAsync(long runId, int logLines = 500, CancellationToken cancellationToken = default) =>
        history.GetAsync(runId, logLines, cancellationToken);
}

public sealed record JobSummary(JobDefinition Definition, JobSchedule Schedule, JobRun? LastRun)
{
    public string ScheduleInWords => Domain.Scheduling.CronDescription.Describe(Schedule.Cron);
}

public sealed record ScheduleChange(bool Succeeded, bool JobMissing, string? Error)
{
    public static readonly ScheduleChange Done = new(true, false, null);

    public static ScheduleChange NotFound(string jobName) => new(false, true, $"There is no job named '{jobName}' with a schedule.");

    public static ScheduleChange Invalid(string error) => new(false, false, error);
}

