using System.Net;
using Shouldly;

namespace Portal.Tests.Hosting;

public sealed class HealthTests(PortalApp app)
{
    /// <summary>Liveness checks nothing; readiness checks the database and the scheduler. Neither needs a sign-in.</summary>
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerHealthy_WithoutSignIn(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }
}
