using Portal.Domain.Runs;
using Shouldly;

namespace Portal.Domain.Tests.Runs;

public sealed class RunProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_ComputesPercentRateAndEta_FromCountsAndElapsedTime()
    {
        var progress = RunProgress.Of(done: 250, total: 1000, startedAt: Start, now: Start.AddSeconds(10));

        progress.Percent.ShouldBe(25.0);
        progress.PerSecond.ShouldBe(25.0);
        progress.Eta.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Of_HasNoPercentOrEta_WhenTotalIsUnknown()
    {
        var progress = RunProgress.Of(done: 40, total: null, startedAt: Start, now: Start.AddSeconds(4));

        progress.Percent.ShouldBeNull();
        progress.Eta.ShouldBeNull();
        progress.PerSecond.ShouldBe(10.0);
    }

    [Fact]
    public void Of_HasNoRate_BeforeTheRunStarted()
    {
        var progress = RunProgress.Of(done: 0, total: 10, startedAt: null, now: Start);

        progress.Percent.ShouldBe(0.0);
        progress.PerSecond.ShouldBeNull();
        progress.Eta.ShouldBeNull();
    }

    [Fact]
    public void Of_CapsPercentAt100_WhenDoneExceedsTotal()
    {
        RunProgress.Of(done: 12, total: 10, startedAt: Start, now: Start.AddSeconds(2)).Percent.ShouldBe(100.0);
    }

    [Theory]
    [InlineData(RunStatus.Succeeded, true)]
    [InlineData(RunStatus.Failed, true)]
    [InlineData(RunStatus.Cancelled, true)]
    [InlineData(RunStatus.Queued, false)]
    [InlineData(RunStatus.Running, false)]
    public void IsFinished_IsTrueOnlyForTerminalStatuses(RunStatus status, bool finished) =>
        status.IsFinished().ShouldBe(finished);

    [Fact]
    public void Status_RoundTripsThroughItsDatabaseSpelling()
    {
        foreach (var status in Enum.GetValues<RunStatus>())
        {
            RunStatusExtensions.ParseDb(status.ToDb()).ShouldBe(status);
        }

        RunStatus.Cancelled.ToDb().ShouldBe("cancelled");
    }
}
