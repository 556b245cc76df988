using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Runs;
using Portal.Jobs.Demo;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Scheduling;

public sealed class JobScheduleServiceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private JobsHost node = null!;

    private JobScheduleService Schedules => node.Services.GetRequiredService<JobScheduleService>();

    private JobDefinition Demo => node.Services.GetRequiredService<JobCatalog>().Find(CountSlowlyJob.Name)!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();

        // The demo job gets a schedule firing every second, so pausing visibly stops it.
        node = await JobsHost.StartAsync(database, settings: new Dictionary<string, string?> { [$"Jobs:{CountSlowlyJob.Name}:Cron"] = "0/1 * * * * ?" });
    }

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Pause_StopsScheduledRuns_AndRecordsWhoAndWhy_ResumeStartsThemAgain()
    {
        await WaitForScheduledRunsAsync(atLeast: 1);

        (await Schedules.PauseAsync(Demo, "provider maintenance", "ops@test")).ShouldBeTrue();
        var paused = await Schedules.GetAsync(Demo);
        await Task.Delay(1500); // let a firing already in flight land
        var countWhilePaused = await ScheduledRunsAsync();
        await Task.Delay(2500);

        paused.Paused.ShouldBeTrue();
        paused.Pause!.Reason.ShouldBe("provider maintenance");
        paused.Pause.RequestedBy.ShouldBe("ops@test");
        paused.NextFire.ShouldBeNull();
        (await ScheduledRunsAsync()).ShouldBe(countWhilePaused);

        (await Schedules.ResumeAsync(Demo)).ShouldBeTrue();

        (await Schedules.GetAsync(Demo)).Paused.ShouldBeFalse();
        await WaitForScheduledRunsAsync(atLeast: countWhilePaused + 1);
    }

    [Fact]
    public async Task Reschedule_ReplacesTheCron_AndKeepsAPauseInPlace()
    {
        await Schedules.PauseAsync(Demo, "quiet period", "ops@test");

        await Schedules.RescheduleAsync(Demo, "0 15 4 * * ?");

        var schedule = await Schedules.GetAsync(Demo);
        schedule.Cron.ShouldBe("0 15 4 * * ?");
        schedule.Paused.ShouldBeTrue();
        schedule.Pause!.Reason.ShouldBe("quiet period");
    }

    [Theory]
    [InlineData("")]
    [InlineData("every tuesday")]
    [InlineData("0 0 25 * * ?")]
    public async Task Reschedule_RefusesInvalidExpressions(string cron)
    {
        JobScheduleService.Validate(cron).ShouldNotBeNull();
        await Should.ThrowAsync<ArgumentException>(() => Schedules.RescheduleAsync(Demo, cron));
        (await Schedules.GetAsync(Demo)).Cron.ShouldBe("0/1 * * * * ?");
    }

    [Fact]
    public async Task Pause_RequiresAReason() =>
        await Should.ThrowAsync<ArgumentException>(() => Schedules.PauseAsync(Demo, " ", "ops@test"));

    [Fact]
    public async Task ClusterNodes_ListsThisNode() =>
        (await Schedules.ClusterNodesAsync()).Select(n => n.InstanceId).ShouldContain("test-node");

    private Task<long> ScheduledRunsAsync() =>
        database.ScalarAsync<long>($"SELECT count(*) FROM ops.job_run WHERE trigger_source = '{TriggerSource.Schedule}'");

    private async Task WaitForScheduledRunsAsync(long atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await ScheduledRunsAsync() < atLeast)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"expected at least {atLeast} scheduled runs");
            await Task.Delay(100);
        }
    }
}
