using Microsoft.Extensions.Options;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Slots;

/// <summary>Recurring (hourly) slot evaluation; incremental through its watermark, with a dry-run option.</summary>
[DisallowConcurrentExecution]
public sealed class EvaluateCompanySlotsJob(
    SlotEvaluator evaluator,
    IOptions<SlotOptions> slotOptions,
    RunJobServices services)
    : RunJob(services)
{
    public const string Name = "evaluate-company-slots";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var parameters = run.GetParameters<EvaluateCompanySlotsParameters>();
        var evaluation = new SlotEvaluationOptions
        {
            DryRun = run.DryRun,
            // A dry run previews everything, not just what changed since the last run.
            Full = parameters.Full || run.DryRun,
            MaxAttempts = slotOptions.Value.MaxEnrichmentAttempts,
        };
        var summary = await evaluator.EvaluateAsync(
            evaluation,
            run.RunId,
            (done, total, message) => run.ReportProgressAsync(done, total > 0 ? total : null, message),
            run.CancellationToken);
        await run.LogAsync(
            $"{summary.CompaniesProcessed:N0} companies: {summary.SlotsFilled:N0} filled, {summary.SlotsOpen:N0} open, {summary.SlotsClosedMissing:N0} closed missing; " +
            $"{summary.BackfillTriggered:N0} backfill requests {(run.DryRun ? "would be " : "")}triggered.");
        return summary;
    }
}

public sealed class EvaluateCompanySlotsParameters
{
    /// <summary>Evaluate every company instead of those changed since the last run.</summary>
    public bool Full { get; set; }
}

public sealed class SlotOptions
{
    public const string Section = "Slots";

    /// <summary>Finished enrichment rounds after which an unfilled slot is closed as missing.</summary>
    public int MaxEnrichmentAttempts { get; set; } = Domain.Slots.SlotRules.DefaultMaxAttempts;
}
