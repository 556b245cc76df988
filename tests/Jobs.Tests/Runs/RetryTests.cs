using Portal.Domain.Runs;
using Portal.Jobs.Demo;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Runs;

public sealed class RetryTests
{
    [Fact]
    public async Task Retry_OfAFailedRun_StartsALinkedRunWithTheSameParameters_AndRefusesSucceededRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var node = await JobsHost.StartAsync(database);
        var failed = await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":0}"""));
        await JobsHost.WaitForRunAsync(database, failed, r => r.Status == RunStatus.Failed);

        var retry = await node.Triggers.RetryAsync(failed, TriggerSource.Retry, "tester");
        var retried = await JobsHost.WaitForRunAsync(database, retry, r => r.Status.IsFinished());

        retried.RetryOfRunId.ShouldBe(failed);
        retried.TriggerSource.ShouldBe(TriggerSource.Retry);
        retried.Parameters.ShouldContain("\"count\": 0");
        await Should.ThrowAsync<KeyNotFoundException>(() => node.Triggers.RetryAsync(424242, TriggerSource.Retry, "tester"));

        var succeeded = await node.Triggers.TriggerAsync(new TriggerRequest(CountSlowlyJob.Name, TriggerSource.User, "tester", """{"count":1,"delayMs":0}"""));
        await JobsHost.WaitForRunAsync(database, succeeded, r => r.Status == RunStatus.Succeeded);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => node.Triggers.RetryAsync(succeeded, TriggerSource.Retry, "tester"));
        refused.Message.ShouldContain("only failed or cancelled runs");
    }
}
