using Portal.Domain.Runs;
using Portal.Jobs.Demo;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Scheduling;

/// <summary>Several scheduler nodes on one database, as the web and worker processes run in production.</summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task TwoNodes_ExecuteEachTriggeredRunExactlyOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var nodeA = await JobsHost.StartAsync(database, "node-a");
        await using var nodeB = await JobsHost.StartAsync(database, "node-b");

        var runIds = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            runIds.Add(await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":3,"delayMs":20}""")));
        }

        foreach (var runId in runIds)
        {
            var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished());
            run.Status.ShouldBe(RunStatus.Succeeded);
            run.Recoveries.ShouldBe(0);
        }

        // Each execution logs its start once; a run executed twice would log it twice.
        var starts = await database.ScalarAsync<long>(
            $"SELECT count(*) FROM ops.job_run_log WHERE message LIKE 'Counting to%' AND run_id IN ({string.Join(',', runIds)})");
        starts.ShouldBe(runIds.Count);
    }

    [Fact]
    public async Task NodeThatStopsMidRun_HandsTheRunToTheOtherNode_WhichFinishesIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var nodeA = await JobsHost.StartAsync(database, "node-a");
        var runId = await nodeA.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":60,"delayMs":50}"""));
        await JobsHost.WaitForRunAsync(database, runId, r => r.Node == "node-a" && r.Done >= 5);
        await using var nodeB = await JobsHost.StartAsync(database, "node-b");

        await nodeA.DisposeAsync();
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished(), TimeSpan.FromSeconds(60));

        run.Status.ShouldBe(RunStatus.Succeeded);
        run.Node.ShouldBe("node-b");
        run.Recoveries.ShouldBe(1);
        run.Done.ShouldBe(60);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM ops.job_run_log WHERE run_id = {runId} AND message LIKE 'Recovered on node node-b%'"))
            .ShouldBe(1);
    }
}
