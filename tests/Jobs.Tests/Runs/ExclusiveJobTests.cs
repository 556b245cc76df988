using Portal.Domain.Runs;
using Portal.Jobs.Retention;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Runs;

public sealed class ExclusiveJobTests
{
    [Fact]
    public async Task Trigger_OfAnExclusiveJobWithAnActiveRun_IsRefusedAndCreatesNoRun()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new RunStore(database.CreateDataSource());
        await store.CreateAsync(new NewRun(PurgeRunHistoryJob.Name, TriggerSource.User, "first", "{}", false, Exclusive: true));

        var second = await Should.ThrowAsync<JobAlreadyActiveException>(() =>
            store.CreateAsync(new NewRun(PurgeRunHistoryJob.Name, TriggerSource.User, "second", "{}", false, Exclusive: true)));

        second.Message.ShouldContain("already queued or running");
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.job_run")).ShouldBe(1);
    }

    [Fact]
    public async Task ConcurrentTriggers_OfAnExclusiveJob_CreateExactlyOneRun()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new RunStore(database.CreateDataSource());

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await store.CreateAsync(new NewRun(PurgeRunHistoryJob.Name, TriggerSource.User, $"user{i}", "{}", false, Exclusive: true));
                return true;
            }
            catch (JobAlreadyActiveException)
            {
                return false;
            }
        }));

        attempts.Count(created => created).ShouldBe(1);
    }

    [Fact]
    public async Task Trigger_OfAnExclusiveJob_IsAllowedAgainOnceTheRunFinished()
    {
        await using var database = await TestDatabase.CreateAsync();
        var store = new RunStore(database.CreateDataSource());
        var first = await store.CreateAsync(new NewRun(PurgeRunHistoryJob.Name, TriggerSource.User, "first", "{}", false, Exclusive: true));
        await store.FinishAsync(first, new RunOutcome(RunStatus.Succeeded));

        var second = await store.CreateAsync(new NewRun(PurgeRunHistoryJob.Name, TriggerSource.User, "second", "{}", false, Exclusive: true));

        second.ShouldBeGreaterThan(first);
    }

    [Fact]
    public void Definitions_TakeExclusivityFromTheQuartzAttribute()
    {
        new JobDefinition(PurgeRunHistoryJob.Name, "", "", typeof(PurgeRunHistoryJob), null).Exclusive.ShouldBeTrue();
        new JobDefinition(Demo.CountSlowlyJob.Name, "", "", typeof(Demo.CountSlowlyJob), null).Exclusive.ShouldBeFalse();
    }
}
