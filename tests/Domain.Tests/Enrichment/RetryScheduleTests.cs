using Portal.Domain.Enrichment;
using Shouldly;

namespace Portal.Domain.Tests.Enrichment;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 60)]
    [InlineData(5, 240)]
    public void Delay_WithoutJitter_IsTheSeedsStep(int retry, int minutes) =>
        RetrySchedule.Delay(retry, 0.5).ShouldBe(TimeSpan.FromMinutes(minutes));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Delay_StaysWithinTenPercent_ForEveryJitterSample(int retry)
    {
        var step = RetrySchedule.Delays[retry - 1];
        var random = new Random(7);
        var delays = Enumerable.Range(0, 10_000).Select(_ => RetrySchedule.Delay(retry, random.NextDouble())).ToList();

        delays.ShouldAllBe(d => d >= step * 0.9 && d <= step * 1.1);
        delays.Min().ShouldBeLessThan(step * 0.92); // the jitter really spreads
        delays.Max().ShouldBeGreaterThan(step * 1.08);
        RetrySchedule.Delay(retry, 0).ShouldBe(step * 0.9);
    }

    [Fact]
    public void Delay_RejectsRetriesOutsideTheSchedule()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RetrySchedule.Delay(0, 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => RetrySchedule.Delay(6, 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => RetrySchedule.Delay(1, 1.0));
    }

    [Fact]
    public void NextAttempt_HonoursALongerRetryAfter_ButNeverComesEarlier()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        RetrySchedule.NextAttempt(1, now, 0.5, TimeSpan.FromMinutes(10)).ShouldBe(now.AddMinutes(10));
        RetrySchedule.NextAttempt(1, now, 0.5, TimeSpan.FromSeconds(5)).ShouldBe(now.AddMinutes(1));
        RetrySchedule.NextAttempt(2, now, 0.5).ShouldBe(now.AddMinutes(5));
    }
}
