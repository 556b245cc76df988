using System.Diagnostics;
using System.Text.Json;

namespace Portal.Jobs.Runs;

/// <summary>
/// What a job sees of its run: parameters, a token that trips on cancel, throttled progress,
/// log lines and a summary that is saved whatever the outcome (so cancelled runs keep their counts).
/// </summary>
public sealed class RunContext
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly RunStore store;
    private readonly CancellationTokenSource cancellation;
    private readonly TimeSpan writeInterval;
    private readonly Stopwatch sinceLastWrite = Stopwatch.StartNew();
    private bool wroteOnce;

    internal RunContext(long runId, string jobName, RunStart start, RunStore store, CancellationTokenSource cancellation, TimeSpan writeInterval)
    {
        RunId = runId;
        JobName = jobName;
        DryRun = start.DryRun;
        ResumeFrom = start.Done;
        ParametersJson = start.ParametersJson;
        RetryOfRunId = start.RetryOfRunId;
        Done = start.Done;
        this.store = store;
        this.cancellation = cancellation;
        this.writeInterval = writeInterval;
    }

    public long RunId { get; }

    public string JobName { get; }

    public bool DryRun { get; }

    /// <summary>Progress saved by an earlier attempt of this run (a recovered run continues from here).</summary>
    public long ResumeFrom { get; }

    public string ParametersJson { get; }

    /// <summary>The failed run this one retries; a job that records per-item outcomes redoes only that run's failed items.</summary>
    public long? RetryOfRunId { get; }

    public long Done { get; private set; }

    public long? Total { get; private set; }

    public CancellationToken CancellationToken => cancellation.Token;

    /// <summary>True once a user asked this run to stop (as opposed to the node shutting down).</summary>
    public bool CancelRequested { get; internal set; }

    /// <summary>Summary counts; saved with each progress write (so pages show them live) and with the run's outcome, whatever it is.</summary>
    public object? Summary { get; set; }

    public T GetParameters<T>()
        where T : new() =>
        JsonSerializer.Deserialize<T>(ParametersJson, JsonOptions) ?? new T();

    /// <summary>Records progress; writes to the database at most once per interval unless <paramref name="force"/>.</summary>
    public async Task ReportProgressAsync(long done, long? total = null, string? message = null, bool force = false)
    {
        Done = done;
        Total = total ?? Total;
        if (!force && wroteOnce && sinceLastWrite.Elapsed < writeInterval)
        {
            return;
        }

        wroteOnce = true;
        sinceLastWrite.Restart();
        var cancelRequested = await store.WriteProgressAsync(RunId, Done, Total, message, SummaryJson(), CancellationToken.None);
        if (cancelRequested)
        {
            CancelRequested = true;
            await cancellation.CancelAsync();
        }
    }

    public Task LogAsync(string message, string level = "info") =>
        store.AppendLogAsync(RunId, level, message, CancellationToken.None);

    internal string? SummaryJson() => Summary is null ? null : JsonSerializer.Serialize(Summary, JsonOptions);
}
