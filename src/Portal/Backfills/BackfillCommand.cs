using System.Security.Claims;
using Portal.Domain.Runs;
using Portal.Jobs.Backfill;
using Portal.Jobs.Runs;

namespace Portal.Backfills;

/// <summary>
/// <c>Portal backfill import FILE [--dry-run] [--no-wait]</c>: registers the file as an import (the same upload,
/// preview check and audit as the portal), queues the import job for the cluster's worker nodes and, unless told
/// not to, follows the run until it ends. Exit codes: 0 succeeded (or queued with --no-wait), 1 failed or cancelled,
/// 2 bad usage or a refused file, 3 no worker node picked the run up.
/// </summary>
public static class BackfillCommand
{
    public const string Usage = "Usage: Portal backfill import FILE [--dry-run] [--no-wait]";

    private static readonly TimeSpan PickUpTimeout = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        var unknown = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--dry-run" or "--no-wait")).ToList();
        if (args.Count < 2 || args[0] != "import" || file is null || unknown.Count > 0)
        {
            await output.WriteLineAsync(unknown.Count > 0 ? $"Unknown option(s): {string.Join(" ", unknown)}. {Usage}" : Usage);
            return 2;
        }

        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"No such file: {file}");
            return 2;
        }

        var dryRun = args.Contains("--dry-run");
        var backfills = services.GetRequiredService<BackfillService>();
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"cli:{Environment.UserName}")], "cli"));
        long importId, runId;
        try
        {
            await using (var content = File.OpenRead(file))
            {
                importId = await backfills.UploadAsync(actor, Path.GetFileName(file), content, cancellationToken);
            }

            runId = await backfills.StartAsync(actor, importId, dryRun, TriggerSource.CommandLine, cancellationToken);
        }
        catch (Exception ex) when (ex is UploadRejectedException or JobAlreadyActiveException or UploadedFileChangedException)
        {
            await output.WriteLineAsync($"Not started: {ex.Message}");
            return 2;
        }

        await output.WriteLineAsync($"Import {importId}: run {runId} queued{(dryRun ? " (dry run)" : "")}.");
        return args.Contains("--no-wait") ? 0 : await FollowAsync(backfills, importId, runId, output, cancellationToken);
    }

    private static async Task<int> FollowAsync(BackfillService backfills, long importId, long runId, TextWriter output, CancellationToken cancellationToken)
    {
        var queuedSince = DateTimeOffset.UtcNow;
        long lastDone = -1;
        while (true)
        {
            var run = (await backfills.GetAsync(importId, cancellationToken))?.Runs.FirstOrDefault(r => r.Id == runId);
            if (run is null)
            {
                await output.WriteLineAsync($"Run {runId} disappeared.");
                return 1;
            }

            if (run.Status == RunStatus.Queued && DateTimeOffset.UtcNow - queuedSince > PickUpTimeout)
            {
                await output.WriteLineAsync($"No worker node picked run {runId} up within {PickUpTimeout.TotalMinutes:0} minutes; it stays queued. Is a portal with role all or worker running?");
                return 3;
            }

            if (run.Done != lastDone && run.Status != RunStatus.Queued)
            {
                lastDone = run.Done;
                await output.WriteLineAsync($"{run.Done:N0}{(run.Total is { } total ? $" / {total:N0}" : "")} rows");
            }

            if (run.Status.IsFinished())
            {
                if (run.Summary is { } s)
                {
                    await output.WriteLineAsync(
                        $"Rows loaded {s.RowsLoaded:N0}, processed {s.RowsProcessed:N0}; companies matched {s.CompaniesMatched:N0}, created {s.CompaniesCreated:N0}; " +
                        $"people matched {s.PeopleMatched:N0}, created {s.PeopleCreated:N0}, updated {s.PeopleUpdated:N0}; BIT baselines {s.BitBaselines:N0}, TF baselines {s.TalentFlowBaselines:N0}; " +
                        $"unresolved {s.Unresolved:N0}, locked-field skips {s.LockedFieldSkips:N0}, duplicates {s.Duplicates:N0}, errors {s.Errors:N0}.");
                }

                await output.WriteLineAsync($"Run {runId} {run.Status.ToDb()}{(run.Error is null ? "" : ": " + run.Error)}");
                return run.Status == RunStatus.Succeeded ? 0 : 1;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
