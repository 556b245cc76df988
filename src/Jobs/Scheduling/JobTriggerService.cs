using Portal.Domain.Runs;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Scheduling;

/// <summary>Starts a job now: records a queued run, then hands Quartz a one-off firing that carries the run id.</summary>
public sealed class JobTriggerService(JobCatalog catalog, RunStore runs, ISchedulerFactory schedulerFactory)
{
    /// <exception cref="UnknownJobException">No job has that name.</exception>
    /// <exception cref="JobAlreadyActiveException">The job is exclusive and a run is already queued or running.</exception>
    public async Task<long> TriggerAsync(TriggerRequest request, CancellationToken cancellationToken = default)
    {
        var job = catalog.Find(request.JobName) ?? throw new UnknownJobException(request.JobName);
        var runId = await runs.CreateAsync(
            new NewRun(job.Name, request.Source, request.TriggeredBy, request.ParametersJson, request.DryRun && job.SupportsDryRun, job.Exclusive, request.RetryOfRunId),
            cancellationToken);
        try
        {
            var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
            await scheduler.TriggerJob(job.Key, new JobDataMap { [RunJob.RunIdKey] = runId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken);
        }
        catch (Exception ex)
        {
            await runs.FinishAsync(runId, new RunOutcome(RunStatus.Failed, Error: $"Could not hand the run to the scheduler: {ex.Message}", ErrorDetail: ex.ToString()), CancellationToken.None);
            throw;
        }

        return runId;
    }

    /// <summary>Starts a failed or cancelled run again with its parameters, linked to it.</summary>
    /// <exception cref="KeyNotFoundException">No such run.</exception>
    /// <exception cref="InvalidOperationException">The run did not fail or was not cancelled.</exception>
    public async Task<long> RetryAsync(long runId, string source, string? triggeredBy, CancellationToken cancellationToken = default)
    {
        var original = await runs.FindAsync(runId, cancellationToken) ?? throw new KeyNotFoundException($"There is no run {runId}.");
        if (original.Status is not (RunStatus.Failed or RunStatus.Cancelled))
        {
            throw new InvalidOperationException($"Run {runId} is {original.Status.ToDb()}; only failed or cancelled runs can be retried.");
        }

        return await TriggerAsync(new TriggerRequest(original.JobName, source, triggeredBy, original.ParametersJson, original.DryRun, runId), cancellationToken);
    }
}

public sealed record TriggerRequest(
    string JobName,
    string Source,
    string? TriggeredBy,
    string ParametersJson = "{}",
    bool DryRun = false,
    long? RetryOfRunId = null);

public sealed class UnknownJobException(string jobName) : KeyNotFoundException($"There is no job named '{jobName}'.")
{
    public string JobName { get; } = jobName;
}
