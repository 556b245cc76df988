using Portal.Jobs.Runs;

namespace Portal.Jobs.Demo;

/// <summary>
/// Counts to a number with a pause per step: a harmless job to watch progress, cancellation and
/// recovery with. Resumes from its saved count when a node picks it up after another died.
/// </summary>
public sealed class CountSlowlyJob(RunJobServices services) : RunJob(services)
{
    public const string Name = "demo-count";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var parameters = run.GetParameters<CountSlowlyParameters>();
        if (parameters.Count is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(run), parameters.Count, "Count must be between 1 and 1,000,000.");
        }

        await run.LogAsync($"Counting to {parameters.Count}, {parameters.DelayMs} ms per step.");
        var counted = run.ResumeFrom;
        run.Summary = new CountSlowlySummary(counted, parameters.Count);
        await run.ReportProgressAsync(counted, parameters.Count, force: true);
        while (counted < parameters.Count)
        {
            await Task.Delay(parameters.DelayMs, run.CancellationToken);
            counted++;
            run.Summary = new CountSlowlySummary(counted, parameters.Count);
            await run.ReportProgressAsync(counted, parameters.Count, $"Counted {counted} of {parameters.Count}");
        }

        await run.ReportProgressAsync(counted, parameters.Count, "Done", force: true);
        return new CountSlowlySummary(counted, parameters.Count);
    }
}

public sealed class CountSlowlyParameters
{
    public int Count { get; set; } = 20;

    public int DelayMs { get; set; } = 500;
}

public sealed record CountSlowlySummary(long Counted, long Target);
