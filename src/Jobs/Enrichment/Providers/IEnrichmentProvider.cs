using Portal.Domain.Enrichment;

namespace Portal.Jobs.Enrichment.Providers;

/// <summary>What a provider is asked: find the person for one slot of one company.</summary>
public sealed record EnrichmentRequest(long ItemId, string CompanyUniqueId, string? CompanyName, string? Domain, string SlotType, int Attempt);

/// <summary>
/// Where enrichment answers come from. Implementations never throw for a failed call (only for cancellation):
/// a failure is a <see cref="ProviderResult"/> with an error class, so the worker can schedule its retry.
/// </summary>
public interface IEnrichmentProvider
{
    string Name { get; }

    /// <summary>The sustained calls per minute this provider allows, for estimates.</summary>
    double CallsPerMinute { get; }

    /// <summary>Calls the worker makes at once.</summary>
    int Concurrency { get; }

    /// <summary><see cref="CircuitBreaker"/> state: closed, open or half_open.</summary>
    string CircuitState { get; }

    Task<ProviderResult> LookupAsync(EnrichmentRequest request, CancellationToken cancellationToken);
}
