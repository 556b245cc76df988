using System.Net;
using Shouldly;

namespace Portal.Tests.Hosting;

public sealed class HealthTests(PortalApp app)
{
    [Fact]
    public async Task Liveness_AnswersWithoutSignIn()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_ChecksTheDatabaseAndTheScheduler()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }
}
