using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Domain.Enrichment;

namespace Portal.Jobs.Enrichment.Providers;

/// <summary>
/// A provider behind an HTTP JSON endpoint (contract in the README): bearer API key from configuration, a timeout
/// per call, a requests-per-minute limit and a concurrency cap, Retry-After honoured on 429, and a circuit that
/// opens after repeated failures so a broken provider is not hammered.
/// </summary>
public sealed class HttpEnrichmentProvider : IEnrichmentProvider, IDisposable
{
    public const string ProviderName = "http";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpProviderOptions settings;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly SemaphoreSlim concurrency;
    private readonly TokenBucketRateLimiter limiter;
    private readonly CircuitBreaker circuit;
    private readonly Uri endpoint;
    private long pausedUntilTicks;

    public HttpEnrichmentProvider(IOptions<EnrichmentOptions> options, TimeProvider time)
    {
        settings = options.Value.Http;
        this.time = time;
        endpoint = Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException("Enrichment:Http:Endpoint must be an absolute URL when Enrichment:Provider is http.");
        http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(1, settings.Concurrency), PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // per call, below, so a timeout is told apart from a cancel
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", settings.ApiKey);
        }

        concurrency = new SemaphoreSlim(Math.Max(1, settings.Concurrency));
        var perSecond = Math.Max(1, settings.RequestsPerMinute) / 60.0;
        limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = (int)Math.Max(1, Math.Ceiling(perSecond)),
            TokensPerPeriod = (int)Math.Max(1, Math.Ceiling(perSecond)),
            ReplenishmentPeriod = perSecond >= 1 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(1 / perSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        circuit = new CircuitBreaker(Math.Max(1, settings.CircuitFailureThreshold), settings.CircuitOpenDuration);
    }

    public string Name => ProviderName;

    public double CallsPerMinute => settings.RequestsPerMinute;

    public int Concurrency => Math.Max(1, settings.Concurrency);

    public string CircuitState => circuit.State(time.GetUtcNow());

    public async Task<ProviderResult> LookupAsync(EnrichmentRequest request, CancellationToken cancellationToken)
    {
        await concurrency.WaitAsync(cancellationToken);
        try
        {
            if (await WaitOutRetryAfterAsync(cancellationToken) is { } rateLimited)
            {
                return rateLimited;
            }

            using var lease = await limiter.AcquireAsync(1, cancellationToken);
            if (!circuit.TryEnter(time.GetUtcNow()))
            {
                return ProviderResult.Failure("circuit_open", "The provider's circuit is open after repeated failures.", settings.CircuitOpenDuration);
            }

            var result = await CallAsync(request, cancellationToken);
            if (result.Kind != ProviderResultKind.Failed)
            {
                circuit.Success();
            }
            else if (result.ErrorClass != "rate_limited")
            {
                // Being told to slow down is not the provider failing.
                circuit.Failure(time.GetUtcNow());
            }

            return result;
        }
        finally
        {
            concurrency.Release();
        }
    }

    private async Task<ProviderResult?> WaitOutRetryAfterAsync(CancellationToken cancellationToken)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref pausedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        if (wait > settings.MaxRetryAfterWait)
        {
            return ProviderResult.Failure("rate_limited", $"The provider asked to wait {wait.TotalSeconds:0} s.", wait);
        }

        await Task.Delay(wait, time, cancellationToken);
        return null;
    }

    private async Task<ProviderResult> CallAsync(EnrichmentRequest request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            var body = new
            {
                requestId = $"{request.ItemId}-{request.Attempt}",
                companyId = request.CompanyUniqueId,
                companyName = request.CompanyName,
                domain = request.Domain,
                slotType = request.SlotType,
            };
            using var response = await http.PostAsJsonAsync(endpoint, body, Json, timeout.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = RetryAfter(response) ?? TimeSpan.FromSeconds(1);
                Pause(retryAfter);
                return ProviderResult.Failure("rate_limited", "429 Too Many Requests", retryAfter);
            }

            if (!response.IsSuccessStatusCode)
            {
                var errorClass = (int)response.StatusCode >= 500 ? "server_error" : response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "unauthorized" : "bad_request";
                return ProviderResult.Failure(errorClass, $"{(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return Parse(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderResult.Failure("timeout", $"No answer within {settings.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            return ProviderResult.Failure("connection", ex.Message);
        }
    }

    /// <summary>Reads the contract's answer; anything else is a malformed response (never a default result).</summary>
    public static ProviderResult Parse(string text)
    {
        try
        {
            var answer = JsonSerializer.Deserialize<LookupAnswer>(text, Json);
            if (answer?.Found is not { } found || answer.Confidence is not (>= 0 and <= 1) || (found && answer.Person is null))
            {
                return ProviderResult.Failure("malformed_response", "The answer lacks found, confidence (0..1) or, when found, person.");
            }

            var confidence = answer.Confidence.Value;
            return found
                ? ProviderResult.Found(new FoundPerson(answer.Person!.FullName, answer.Person.FirstName, answer.Person.LastName, answer.Person.Title, answer.Person.Email, answer.Person.LinkedinUrl), confidence)
                : ProviderResult.NotFound(confidence);
        }
        catch (JsonException ex)
        {
            return ProviderResult.Failure("malformed_response", $"Not the expected JSON: {ex.Message}");
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : null;
    }

    private void Pause(TimeSpan retryAfter)
    {
        var until = (time.GetUtcNow() + retryAfter).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref pausedUntilTicks);
        }
        while (until > current && Interlocked.CompareExchange(ref pausedUntilTicks, until, current) != current);
    }

    public void Dispose()
    {
        http.Dispose();
        concurrency.Dispose();
        limiter.Dispose();
    }

    private sealed record LookupAnswer(bool? Found, double? Confidence, LookupPerson? Person);

    private sealed record LookupPerson(string? FullName, string? FirstName, string? LastName, string? Title, string? Email, string? LinkedinUrl);
}
