using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Portal.Auth;
using Portal.Domain.Identity;
using Portal.Users;
using Shouldly;

namespace Portal.Tests.Auth;

public sealed class ApiKeyTests(PortalApp app)
{
    private static readonly ClaimsPrincipal Admin = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, PortalApp.AdminEmail)], "test"));

    [Fact]
    public async Task OperatorKey_AuthenticatesAutomation_UntilRevoked()
    {
        var keys = app.Services.GetRequiredService<ApiKeyService>();
        var secret = await keys.CreateAsync(Admin, "ci-pipeline", Roles.Operator, TestContext.Current.CancellationToken);
        using var client = KeyClient(secret);

        (await client.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 1, delayMs = 0 } }, TestContext.Current.CancellationToken);
        trigger.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var runId = (await trigger.Content.ReadFromJsonAsync<TriggerResponse>(TestContext.Current.CancellationToken))!.RunId;
        var run = await client.GetFromJsonAsync<RunResponse>($"/api/runs/{runId}", TestContext.Current.CancellationToken);
        run!.Run.TriggerSource.ShouldBe("api");
        run.Run.TriggeredBy.ShouldBe("apikey:ci-pipeline");

        var keyId = (await keys.ListAsync(TestContext.Current.CancellationToken)).Single(k => k.Name == "ci-pipeline").Id;
        (await keys.RevokeAsync(Admin, keyId, TestContext.Current.CancellationToken)).ShouldBeTrue();

        (await client.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ViewerKey_CanReadButNotTrigger()
    {
        var secret = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(Admin, "dashboard-reader", Roles.Viewer, TestContext.Current.CancellationToken);
        using var client = KeyClient(secret);

        (await client.GetAsync("/api/runs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UnknownKey_IsRejected()
    {
        using var client = KeyClient("eop_not-a-real-key");

        (await client.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_AreStoredOnlyAsHashes()
    {
        var secret = await app.Services.GetRequiredService<ApiKeyService>().CreateAsync(Admin, "hash-check", Roles.Viewer, TestContext.Current.CancellationToken);

        var stored = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.api_key WHERE key_hash = '{secret}' OR name = '{secret}'");
        var byHash = await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.api_key WHERE key_hash = '{Domain.ApiKeys.ApiKeySecret.Hash(secret)}'");

        stored.ShouldBe(0);
        byHash.ShouldBe(1);
    }

    private HttpClient KeyClient(string secret)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, secret);
        return client;
    }

    private sealed record TriggerResponse(long RunId);

    private sealed record RunResponse(RunBody Run);

    private sealed record RunBody(long Id, string Status, string TriggerSource, string? TriggeredBy);
}
