using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.TestSupport;

/// <summary>
/// A local enrichment provider on Kestrel (a real socket) speaking the HTTP provider's contract, with switchable
/// misbehaviour: rate limiting (429 + Retry-After), slowness (timeouts), malformed JSON, server errors.
/// </summary>
public sealed class EnrichmentProviderStub : IAsyncDisposable
{
    public const string ApiKey = "stub-key";

    private readonly WebApplication app;
    private long calls;

    private EnrichmentProviderStub(WebApplication app) => this.app = app;

    public Uri Endpoint { get; private set; } = null!;

    public StubMode Mode { get; set; } = StubMode.Answer;

    /// <summary>For <see cref="StubMode.RateLimited"/>: how many calls get a 429 before answers come again.</summary>
    public int RateLimitedCalls { get; set; } = 1;

    public int RetryAfterSeconds { get; set; } = 1;

    public TimeSpan Latency { get; set; }

    public long Calls => Interlocked.Read(ref calls);

    public string? LastAuthorization { get; private set; }

    public static async Task<EnrichmentProviderStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new EnrichmentProviderStub(app);
        app.MapPost("/lookup", stub.HandleAsync);
        await app.StartAsync();
        stub.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/lookup");
        return stub;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var call = Interlocked.Increment(ref calls);
        LastAuthorization = context.Request.Headers.Authorization;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var slotType = body.RootElement.GetProperty("slotType").GetString();
        var companyId = body.RootElement.GetProperty("companyId").GetString();
        if (Latency > TimeSpan.Zero || Mode == StubMode.Slow)
        {
            await Task.Delay(Mode == StubMode.Slow ? TimeSpan.FromSeconds(5) : Latency, context.RequestAborted);
        }

        switch (Mode)
        {
            case StubMode.RateLimited when call <= RateLimitedCalls:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return;
            case StubMode.ServerError:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            case StubMode.Malformed:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"found\": tru", context.RequestAborted);
                return;
        }

        var title = slotType switch { "CEO" => "Chief Executive Officer", "CFO" => "Chief Financial Officer", _ => "HR Director" };
        await context.Response.WriteAsJsonAsync(new
        {
            found = true,
            confidence = 0.93,
            person = new { fullName = "Sam Stub", firstName = "Sam", lastName = "Stub", title, email = $"sam.{slotType}@{companyId}.test".ToLowerInvariant(), linkedinUrl = $"https://www.linkedin.com/in/sam-{companyId}-{slotType}".ToLowerInvariant() },
        }, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public enum StubMode
{
    Answer,
    RateLimited,
    Slow,
    Malformed,
    ServerError,
}
