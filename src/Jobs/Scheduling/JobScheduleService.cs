using Quartz;

namespace Portal.Jobs.Scheduling;

/// <summary>
/// The recurring schedules of jobs as Quartz stores them: read, pause and resume with a reason, change the
/// cron; and the scheduler nodes of the cluster. Pausing stops the schedule only: a job can still be
/// triggered by hand while its schedule is paused.
/// </summary>
public sealed class JobScheduleService(ISchedulerFactory schedulerFactory)
{
    public async Task<JobSchedule> GetAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(JobScheduleBootstrapper.ScheduleTriggerKey(job), cancellationToken);
        if (trigger is null)
        {
            return new JobSchedule(null, null, null, null);
        }

        var pause = await scheduler.GetTriggerState(trigger.Key, cancellationToken) == TriggerState.Paused
            ? await scheduler.GetTriggerPause(trigger.Key, cancellationToken) ?? new PauseInfo("", "", DateTimeOffset.MinValue)
            : null;
        return new JobSchedule((trigger as ICronTrigger)?.CronExpressionString, pause is null ? trigger.NextFireTimeUtc : null, trigger.PreviousFireTimeUtc, pause);
    }

    /// <returns>False when the job has no schedule to pause.</returns>
    public async Task<bool> PauseAsync(JobDefinition job, string reason, string requestedBy, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("Say why the schedule is paused.", nameof(reason));
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        return await scheduler.PauseTriggerWith(
            JobScheduleBootstrapper.ScheduleTriggerKey(job),
            new PauseDetails { Reason = reason.Trim(), RequestedBy = requestedBy },
            cancellationToken);
    }

    public async Task<bool> ResumeAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var key = JobScheduleBootstrapper.ScheduleTriggerKey(job);
        if (!await scheduler.Exists(key, cancellationToken))
        {
            return false;
        }

        await scheduler.ResumeTrigger(key, cancellationToken);
        return true;
    }

    /// <summary>Replaces the job's schedule (or gives it one); a paused schedule stays paused.</summary>
    /// <exception cref="ArgumentException">The expression is not a valid Quartz cron expression.</exception>
    public async Task RescheduleAsync(JobDefinition job, string cron, CancellationToken cancellationToken = default)
    {
        var error = Validate(cron);
        if (error is not null)
        {
            throw new ArgumentException(error, nameof(cron));
        }

        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var key = JobScheduleBootstrapper.ScheduleTriggerKey(job);
        var current = await GetAsync(job, cancellationToken);
        var trigger = JobScheduleBootstrapper.BuildScheduleTrigger(job, cron.Trim());
        if (await scheduler.Exists(key, cancellationToken))
        {
            await scheduler.RescheduleJob(key, trigger, cancellationToken);
        }
        else
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
        }

        if (current.Pause is { } pause)
        {
            await scheduler.PauseTriggerWith(key, new PauseDetails { Reason = pause.Reason, RequestedBy = pause.RequestedBy }, cancellationToken);
        }
    }

    /// <returns>Null when valid, else what is wrong with it.</returns>
    public static string? Validate(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "Enter a cron expression, e.g. \"0 0/30 * * * ?\" (seconds minutes hours day-of-month month day-of-week).";
        }

        try
        {
            var expression = CronExpression.Parse(cron.Trim());
            return expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null ? "This expression never fires again." : null;
        }
        catch (FormatException ex)
        {
            return $"Not a valid cron expression: {ex.Message}";
        }
    }

    public async Task<IReadOnlyList<ClusterNode>> ClusterNodesAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        return await scheduler.QueryClusterNodes(cancellationToken);
    }
}

public sealed record JobSchedule(string? Cron, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire, PauseInfo? Pause)
{
    public bool Paused => Pause is not null;
}
