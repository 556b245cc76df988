using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Watermarks;

/// <summary>Recomputes missing watermarks from the data (dry run: only reports), with a per-watermark breakdown.</summary>
[DisallowConcurrentExecution]
public sealed class RepairWatermarksJob(WatermarkRepair repair, RunJobServices services) : RunJob(services)
{
    public const string Name = "repair-watermarks";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var groups = await repair.RepairAsync(run.DryRun, run.RunId, run.CancellationToken);
        foreach (var group in groups)
        {
            await run.LogAsync($"{group.Job} / {group.Entity}: {group.Status.Replace('_', ' ')}{(group.Watermark is { } w ? $" at {w:u}" : "")} ({group.Source})");
        }

        await run.ReportProgressAsync(groups.Count, groups.Count, force: true);
        return new
        {
            dryRun = run.DryRun,
            repaired = groups.Count(g => g.Status == WatermarkRepairGroup.Repaired),
            wouldRepair = groups.Count(g => g.Status == WatermarkRepairGroup.WouldRepair),
            groups,
        };
    }
}
