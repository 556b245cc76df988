using System.Text.Json;
using Portal.Domain.Runs;
using Portal.Jobs.Demo;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Runs;

public sealed class DemoRunTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private JobsHost node = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        node = await JobsHost.StartAsync(database);
    }

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Trigger_RunsTheJob_ReportsProgressAndSucceedsWithSummary()
    {
        var hub = (RunEventHub)node.Services.GetService(typeof(RunEventHub))!;
        var progressSeen = new List<long>();
        hub.Received += e =>
        {
            if (e.Kind == RunEvent.KindProgress && e.Done is { } done)
            {
                lock (progressSeen)
                {
                    progressSeen.Add(done);
                }
            }
        };

        var runId = await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":10,"delayMs":30}"""));
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished());

        run.Status.ShouldBe(RunStatus.Succeeded);
        run.Done.ShouldBe(10);
        run.Total.ShouldBe(10);
        run.Node.ShouldBe("test-node");
        run.TriggeredBy.ShouldBe("tester");
        run.StartedAt.ShouldNotBeNull();
        run.FinishedAt.ShouldNotBeNull();
        JsonDocument.Parse(run.Summary!).RootElement.GetProperty("counted").GetInt64().ShouldBe(10);

        // Progress arrived through NOTIFY while the run was going, not only at the end.
        lock (progressSeen)
        {
            progressSeen.ShouldContain(d => d > 0 && d < 10);
        }

        (await database.ScalarAsync<long>($"SELECT count(*) FROM ops.job_run_log WHERE run_id = {runId}")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Cancel_MidRun_EndsCancelledAndKeepsTheWorkDone()
    {
        var runId = await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":1000,"delayMs":20}"""));
        await JobsHost.WaitForRunAsync(database, runId, r => r.Done >= 5);

        (await node.Runs.RequestCancelAsync(runId, "tester")).ShouldBe(CancelRequest.Requested);
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished());

        run.Status.ShouldBe(RunStatus.Cancelled);
        run.Done.ShouldBeInRange(5, 999);
        run.CancelRequestedBy.ShouldBe("tester");
        JsonDocument.Parse(run.Summary!).RootElement.GetProperty("counted").GetInt64().ShouldBe(run.Done);
        (await node.Runs.RequestCancelAsync(runId, "tester")).ShouldBe(CancelRequest.NotActive);
    }

    [Fact]
    public async Task Cancel_OfAQueuedRun_CancelsItBeforeItStarts()
    {
        var runId = await node.Runs.CreateAsync(new NewRun(CountSlowlyJob.Name, TriggerSource.User, "tester", "{}", false, false));

        (await node.Runs.RequestCancelAsync(runId, "tester")).ShouldBe(CancelRequest.Requested);

        await using var db = database.CreateContext();
        var run = await db.JobRuns.FindAsync(runId);
        run!.Status.ShouldBe(RunStatus.Cancelled);
        run.StartedAt.ShouldBeNull();
    }

    [Fact]
    public async Task Cancel_OfAnUnknownRun_SaysNotFound() =>
        (await node.Runs.RequestCancelAsync(987654, "tester")).ShouldBe(CancelRequest.NotFound);

    [Fact]
    public async Task Run_WithInvalidParameters_FailsWithTheReason()
    {
        var runId = await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.Api, "key", """{"count":0}"""));
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished());

        run.Status.ShouldBe(RunStatus.Failed);
        run.Error!.ShouldContain("Count must be between 1 and 1,000,000");
        run.ErrorDetail!.ShouldContain(nameof(ArgumentOutOfRangeException));
    }

    [Fact]
    public async Task Trigger_OfAnUnknownJob_IsRefused() =>
        await Should.ThrowAsync<UnknownJobException>(() => node.Triggers.TriggerAsync(new TriggerRequest("no-such-job", TriggerSource.User, "tester")));
}
