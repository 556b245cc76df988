using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Domain.Runs;
using Quartz;

namespace Portal.Jobs.Runs;

/// <summary>
/// Base of every job: ties a Quartz firing to its run record (creating one for scheduled firings),
/// moves it through running to its outcome, and turns a user's cancel into a cancelled run while a
/// node shutdown hands the firing back to Quartz for recovery on another node.
/// </summary>
public abstract partial class RunJob : IJob
{
    public const string RunIdKey = "runId";

    private readonly RunStore store;
    private readonly LocalRuns localRuns;
    private readonly IOptions<RunOptions> options;
    private readonly ILogger logger;

    protected RunJob(RunJobServices services)
    {
        (store, localRuns, options) = (services.Store, services.LocalRuns, services.Options);
        logger = services.LoggerFactory.CreateLogger(GetType());
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobName = context.JobDetail.Key.Name;
        var runId = await ResolveRunIdAsync(context, jobName, cancellationToken);
        if (runId is null)
        {
            return;
        }

        var start = await store.StartAsync(runId.Value, options.Value.NodeName, context.Recovering, cancellationToken);
        if (!start.Proceed)
        {
            return;
        }

        using var cancellation = localRuns.Register(runId.Value, context.CancellationToken);
        var run = new RunContext(runId.Value, jobName, start, store, cancellation, options.Value.ProgressWriteInterval)
        {
            CancelRequested = start.CancelRequested,
        };
        cancellation.Token.Register(() => run.CancelRequested |= !context.CancellationToken.IsCancellationRequested);
        if (start.CancelRequested)
        {
            await cancellation.CancelAsync();
        }

        if (context.Recovering)
        {
            await run.LogAsync($"Recovered on node {options.Value.NodeName} after the previous node stopped; resuming from {start.Done}.", "warning");
        }

        try
        {
            cancellation.Token.ThrowIfCancellationRequested();
            var summary = await RunAsync(run);
            run.Summary = summary ?? run.Summary;
            await store.FinishAsync(runId.Value, new RunOutcome(RunStatus.Succeeded, run.SummaryJson(), Done: run.Done, Total: run.Total), CancellationToken.None);
        }
        // The run's token is cancelled by a cancel request or by the node stopping; which one is read from the tokens
        // themselves: the flag set by the cancel callback may not be set yet when the job's await resumes.
        catch (OperationCanceledException) when (run.CancelRequested || (cancellation.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested))
        {
            await run.LogAsync("Cancelled on request; work done so far is kept.", "warning");
            await store.FinishAsync(runId.Value, new RunOutcome(RunStatus.Cancelled, run.SummaryJson(), Done: run.Done, Total: run.Total), CancellationToken.None);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The node is shutting down: save progress and let Quartz hand the firing to another node.
            await store.WriteProgressAsync(runId.Value, run.Done, run.Total, "Node stopping; the run will be recovered", cancellationToken: CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            LogRunFailed(ex, jobName, runId.Value);
            await run.LogAsync(ex.Message, "error");
            await store.FinishAsync(runId.Value, new RunOutcome(RunStatus.Failed, run.SummaryJson(), ex.Message, ex.ToString(), run.Done, run.Total), CancellationToken.None);
        }
        finally
        {
            localRuns.Unregister(runId.Value);
        }
    }

    /// <summary>The job's work. Returns its summary (or sets <see cref="RunContext.Summary"/> as it goes).</summary>
    protected abstract Task<object?> RunAsync(RunContext run);

    private async Task<long?> ResolveRunIdAsync(IJobExecutionContext context, string jobName, CancellationToken cancellationToken)
    {
        if (context.MergedJobDataMap.TryGetString(RunIdKey, out var text) && long.TryParse(text, out var existing))
        {
            return existing;
        }

        // A scheduled firing has no run yet.
        try
        {
            var exclusive = GetType().IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: true);
            return await store.CreateAsync(new NewRun(jobName, TriggerSource.Schedule, null, "{}", false, exclusive), cancellationToken);
        }
        catch (JobAlreadyActiveException)
        {
            LogScheduledFiringSkipped(jobName);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} of job {JobName} failed")]
    private partial void LogRunFailed(Exception ex, string jobName, long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled firing of {JobName} skipped: a run is already active")]
    private partial void LogScheduledFiringSkipped(string jobName);
}
