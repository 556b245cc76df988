using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Portal.Tests.Auth;

/// <summary>Walks every endpoint the app maps, so a new page or API route cannot slip out unprotected.</summary>
public sealed class AnonymousAccessTests(PortalApp app)
{
    // The only routes a stranger may reach.
    private static readonly string[] PublicRoutes =
        ["/account/login", "/account/signin", "/account/signout", "/account/denied", "/health/live", "/health/ready"];

    [Fact]
    public void OnlyTheSignInAndHealthRoutes_AllowAnonymousAccess()
    {
        var anonymous = Routes()
            .Where(r => r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null && !IsStaticAsset(r.Pattern))
            .Select(r => r.Pattern)
            .Distinct()
            .ToList();

        anonymous.ShouldBe(PublicRoutes, ignoreOrder: true);
    }

    [Fact]
    public async Task EveryApiRoute_Answers401_ToAnonymousCallers()
    {
        using var client = app.Anonymous();
        var apiRoutes = Routes().Where(r => r.Pattern.StartsWith("/api", StringComparison.Ordinal)).ToList();
        apiRoutes.Count.ShouldBeGreaterThan(5);

        foreach (var (pattern, method, _) in apiRoutes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(pattern));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {pattern}");
        }
    }

    [Fact]
    public async Task EveryPage_RedirectsAnonymousVisitorsToSignIn()
    {
        using var client = app.Anonymous();
        var pages = Routes()
            .Where(r => r.Method == "GET" && !r.Pattern.StartsWith("/api", StringComparison.Ordinal) && !PublicRoutes.Contains(r.Pattern)
                        && !IsStaticAsset(r.Pattern) && r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(r => r.Pattern)
            .Distinct()
            .ToList();
        pages.ShouldContain("/settings");
        pages.ShouldContain("/runs/{RunId:long}");

        foreach (var page in pages)
        {
            using var response = await client.GetAsync(Concrete(page), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            response.Headers.Location!.AbsolutePath.ShouldBe("/account/login", page);
        }
    }

    private IEnumerable<(string Pattern, string Method, RouteEndpoint Endpoint)> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && !e.RoutePattern.RawText.StartsWith("/_", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m, e)));

    private static bool IsStaticAsset(string pattern) =>
        pattern.StartsWith("/_", StringComparison.Ordinal) || pattern.StartsWith("/css/", StringComparison.Ordinal) || pattern.Contains('.', StringComparison.Ordinal);

    private static string Concrete(string pattern) => pattern
        .Replace("{id:long}", "1", StringComparison.Ordinal)
        .Replace("{RunId:long}", "1", StringComparison.Ordinal)
        .Replace("{name}", "demo-count", StringComparison.Ordinal);
}
