using Portal.Domain.Scheduling;
using Shouldly;

namespace Portal.Domain.Tests.Scheduling;

public sealed class CronDescriptionTests
{
    [Theory]
    [InlineData("0 30 3 * * ?", "every day at 03:30")]
    [InlineData("0 0 * * * ?", "every hour at minute 0")]
    [InlineData("0 15 */4 * * ?", "every 4 hours at minute 15")]
    [InlineData("0 0/5 * * * ?", "every 5 minutes")]
    [InlineData("0 * * * * ?", "every minute")]
    [InlineData("0/10 * * * * ?", "every 10 seconds")]
    [InlineData("0/1 * * * * ?", "every second")]
    [InlineData("0 0 8 ? * MON-FRI", "every weekday at 08:00")]
    [InlineData("0 0 9 ? * SAT", "on SAT at 09:00")]
    [InlineData(null, "on demand")]
    public void Describe_SaysCommonSchedulesInWords(string? cron, string expected) =>
        CronDescription.Describe(cron).ShouldBe(expected);

    [Theory]
    [InlineData("0 0 12 1 * ?")]
    [InlineData("0 0 12 L * ?")]
    [InlineData("not a cron")]
    public void Describe_FallsBackToTheExpression_ForShapesItDoesNotKnow(string cron) =>
        CronDescription.Describe(cron).ShouldBe(cron);
}
