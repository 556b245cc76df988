using Portal.Domain.Runs;
using Portal.Jobs.Retention;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Retention;

public sealed class PurgeRunHistoryJobTests
{
    [Fact]
    public async Task Purge_DeletesOnlyFinishedRunsPastTheirRetention_KeepingFailedRunsLonger()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            db.JobRuns.AddRange(
                Run("old-succeeded", RunStatus.Succeeded, now.AddDays(-40)),
                Run("old-cancelled", RunStatus.Cancelled, now.AddDays(-40)),
                Run("recent-succeeded", RunStatus.Succeeded, now.AddDays(-5)),
                Run("old-failed-within-failed-retention", RunStatus.Failed, now.AddDays(-40)),
                Run("ancient-failed", RunStatus.Failed, now.AddDays(-100)),
                Run("old-but-running", RunStatus.Running, null, queuedAt: now.AddDays(-40)));
            await db.SaveChangesAsync();
            var oldRun = db.JobRuns.Local.Single(r => r.JobName == "old-succeeded");
            db.JobRunLogLines.Add(new JobRunLogLine { RunId = oldRun.Id, At = now.AddDays(-40), Level = "info", Message = "old line" });
            await db.SaveChangesAsync();
        }

        await using var node = await JobsHost.StartAsync(database, settings: new Dictionary<string, string?>
        {
            ["Retention:RunDays"] = "30",
            ["Retention:FailedRunDays"] = "90",
        });
        var purgeRun = await node.Triggers.TriggerAsync(new TriggerRequest(PurgeRunHistoryJob.Name, TriggerSource.User, "tester"));
        var finished = await JobsHost.WaitForRunAsync(database, purgeRun, r => r.Status.IsFinished());

        finished.Status.ShouldBe(RunStatus.Succeeded);
        System.Text.Json.JsonDocument.Parse(finished.Summary!).RootElement.GetProperty("runsDeleted").GetInt64().ShouldBe(3);
        await using var check = database.CreateContext();
        check.JobRuns.Select(r => r.JobName).ToList().ShouldBe(
            ["recent-succeeded", "old-failed-within-failed-retention", "old-but-running", PurgeRunHistoryJob.Name],
            ignoreOrder: true);
        check.JobRunLogLines.Count(l => l.Message == "old line").ShouldBe(0);
    }

    private static JobRun Run(string name, RunStatus status, DateTimeOffset? finishedAt, DateTimeOffset? queuedAt = null) => new()
    {
        JobName = name,
        TriggerSource = TriggerSource.Schedule,
        Status = status,
        QueuedAt = queuedAt ?? finishedAt!.Value.AddMinutes(-1),
        StartedAt = queuedAt ?? finishedAt!.Value.AddMinutes(-1),
        FinishedAt = finishedAt,
    };
}
