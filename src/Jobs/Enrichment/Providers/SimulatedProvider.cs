using Microsoft.Extensions.Options;
using Portal.Domain.Enrichment;
using Portal.Domain.Slots;

namespace Portal.Jobs.Enrichment.Providers;

/// <summary>
/// A deterministic stand-in for a real provider, for the demo and tests: the answer for an item depends only
/// on the seed, the company, the slot and the attempt, so runs repeat exactly; latency and failure rate are set.
/// </summary>
public sealed class SimulatedProvider(IOptions<EnrichmentOptions> options) : IEnrichmentProvider
{
    public const string ProviderName = "simulated";

    private static readonly string[] FirstNames = ["Alex", "Blair", "Casey", "Dana", "Emery", "Frankie", "Gray", "Harper", "Indy", "Jordan", "Kendall", "Logan"];
    private static readonly string[] LastNames = ["Reyes", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Novak", "Haddad", "Walsh", "Iyer", "Costa"];

    private SimulatedProviderOptions Settings => options.Value.Simulated;

    public string Name => ProviderName;

    public double CallsPerMinute => Settings.LatencyMs <= 0 ? 600_000 : 60_000.0 / Settings.LatencyMs * Concurrency;

    public int Concurrency => Math.Max(1, Settings.Concurrency);

    public string CircuitState => CircuitBreaker.Closed;

    public async Task<ProviderResult> LookupAsync(EnrichmentRequest request, CancellationToken cancellationToken)
    {
        var settings = Settings;
        if (settings.LatencyMs > 0)
        {
            await Task.Delay(settings.LatencyMs, cancellationToken);
        }

        return Answer(settings, request);
    }

    public static ProviderResult Answer(SimulatedProviderOptions settings, EnrichmentRequest request)
    {
        var key = $"{settings.Seed}|{request.CompanyUniqueId}|{request.SlotType}|{request.Attempt}";
        if (Sample(key, "fail") < settings.FailureRate)
        {
            return ProviderResult.Failure("simulated_error", $"Simulated failure (attempt {request.Attempt})");
        }

        var confidence = Math.Round(0.55 + (0.44 * Sample(key, "confidence")), 2);
        if (Sample(key, "found") >= settings.FoundRate)
        {
            return ProviderResult.NotFound(confidence);
        }

        var first = FirstNames[(int)(Sample(key, "first") * FirstNames.Length)];
        var last = LastNames[(int)(Sample(key, "last") * LastNames.Length)];
        var domain = request.Domain ?? "example.com";
        var title = request.SlotType switch
        {
            SlotTypeNames.Ceo => "Chief Executive Officer",
            SlotTypeNames.Cfo => "Chief Financial Officer",
            _ => "HR Director",
        };
        return ProviderResult.Found(
            new FoundPerson($"{first} {last}", first, last, title, $"{first}.{last}@{domain}".ToLowerInvariant(), $"https://www.linkedin.com/in/{first}-{last}-{request.CompanyUniqueId}".ToLowerInvariant()),
            confidence);
    }

    /// <summary>A uniform sample in [0, 1) from a stable hash (FNV-1a; <see cref="HashCode"/> differs per process).</summary>
    private static double Sample(string key, string purpose)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        foreach (var c in purpose)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
