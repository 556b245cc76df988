using System.Net;
using Shouldly;

namespace Portal.Tests.Auth;

/// <summary>A portal of its own with a tight sign-in limit, so the other tests' sign-ins are not counted.</summary>
public sealed class RateLimitedPortalApp : PortalApp
{
    protected override int SignInAttemptsPerMinute => 3;
}

public sealed class SignInRateLimitTests : IClassFixture<RateLimitedPortalApp>
{
    private readonly RateLimitedPortalApp app;

    public SignInRateLimitTests(RateLimitedPortalApp app) => this.app = app;

    [Fact]
    public async Task SignInPosts_BeyondTheLimit_AreRefusedWith429()
    {
        using var client = app.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await PortalApp.SignInAsync(client, "nobody@test.local", "wrong")).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Redirect);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }
}
