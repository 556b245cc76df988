using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Domain.Enrichment;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Enrichment.Providers;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Enrichment;

/// <summary>The HTTP provider against a local Kestrel stub that answers, rate-limits, stalls, breaks its JSON and fails.</summary>
public sealed class HttpEnrichmentProviderTests : IAsyncLifetime
{
    private static readonly EnrichmentRequest Request = new(7, "C-1", "Alpha", "alpha.test", "CFO", 0);
    private EnrichmentProviderStub stub = null!;

    public async ValueTask InitializeAsync() => stub = await EnrichmentProviderStub.StartAsync();

    public async ValueTask DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public async Task AnAnswer_IsReadPerTheContract_WithTheApiKeyAsBearer()
    {
        using var provider = Provider();

        var result = await provider.LookupAsync(Request, CancellationToken.None);

        result.Kind.ShouldBe(ProviderResultKind.Found);
        result.Confidence.ShouldBe(0.93);
        result.Person!.Title.ShouldBe("Chief Financial Officer");
        stub.LastAuthorization.ShouldBe($"Bearer {EnrichmentProviderStub.ApiKey}");
    }

    [Fact]
    public async Task A429_FailsWithItsRetryAfter_AndTheNextCallWaitsItOut()
    {
        stub.Mode = StubMode.RateLimited;
        stub.RetryAfterSeconds = 1;
        using var provider = Provider();

        var limited = await provider.LookupAsync(Request, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var next = await provider.LookupAsync(Request, CancellationToken.None);

        (limited.Kind, limited.ErrorClass, limited.RetryAfter).ShouldBe((ProviderResultKind.Failed, "rate_limited", TimeSpan.FromSeconds(1)));
        limited.Confidence.ShouldBeNull();
        next.Kind.ShouldBe(ProviderResultKind.Found);
        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(800));
        provider.CircuitState.ShouldBe(CircuitBreaker.Closed); // slowing down is not failing
    }

    [Fact]
    public async Task ASlowProvider_TimesOut()
    {
        stub.Mode = StubMode.Slow;
        using var provider = Provider(o => o.Timeout = TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        var result = await provider.LookupAsync(Request, CancellationToken.None);

        (result.Kind, result.ErrorClass).ShouldBe((ProviderResultKind.Failed, "timeout"));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task MalformedJson_IsAFailure_NeverADefaultResult()
    {
        stub.Mode = StubMode.Malformed;
        using var provider = Provider();

        var result = await provider.LookupAsync(Request, CancellationToken.None);

        (result.Kind, result.ErrorClass, result.Confidence, result.Person).ShouldBe((ProviderResultKind.Failed, "malformed_response", null, null));
        HttpEnrichmentProvider.Parse("""{"found": true, "confidence": 0.9}""").ErrorClass.ShouldBe("malformed_response");
        HttpEnrichmentProvider.Parse("""{"found": false}""").ErrorClass.ShouldBe("malformed_response");
        HttpEnrichmentProvider.Parse("""{"found": false, "confidence": 0.8}""").Kind.ShouldBe(ProviderResultKind.NotFound);
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuit_SoTheProviderIsNotCalled()
    {
        stub.Mode = StubMode.ServerError;
        using var provider = Provider(o => o.CircuitFailureThreshold = 3);

        for (var i = 0; i < 3; i++)
        {
            (await provider.LookupAsync(Request, CancellationToken.None)).ErrorClass.ShouldBe("server_error");
        }

        var blocked = await provider.LookupAsync(Request, CancellationToken.None);

        blocked.ErrorClass.ShouldBe("circuit_open");
        stub.Calls.ShouldBe(3);
        provider.CircuitState.ShouldBe(CircuitBreaker.Open);
    }

    [Fact]
    public async Task TheRequestsPerMinuteLimit_PacesCalls()
    {
        using var provider = Provider(o => (o.RequestsPerMinute, o.Concurrency) = (600, 8)); // 10 per second

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => provider.LookupAsync(Request, CancellationToken.None)));

        stub.Calls.ShouldBe(25);
        watch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.4)); // 10 at once, then 10 per second
    }

    private HttpEnrichmentProvider Provider(Action<HttpProviderOptions>? configure = null)
    {
        var options = new EnrichmentOptions { Provider = HttpEnrichmentProvider.ProviderName };
        options.Http.Endpoint = stub.Endpoint.ToString();
        options.Http.ApiKey = EnrichmentProviderStub.ApiKey;
        options.Http.RequestsPerMinute = 60_000;
        configure?.Invoke(options.Http);
        return new HttpEnrichmentProvider(Options.Create(options), TimeProvider.System);
    }
}
