using System.Collections.Concurrent;
using Portal.Domain.Enrichment;
using Portal.Jobs.Enrichment.Providers;

namespace Portal.Jobs.Tests.Enrichment;

/// <summary>A provider whose answers a test decides, counting every call per item.</summary>
internal sealed class ScriptedProvider(Func<EnrichmentRequest, Task<ProviderResult>> answer) : IEnrichmentProvider
{
    public ConcurrentDictionary<long, int> CallsPerItem { get; } = new();

    public string Name => "scripted";

    public double CallsPerMinute => 6000;

    public int Concurrency => 4;

    public string CircuitState => CircuitBreaker.Closed;

    public static ScriptedProvider Always(ProviderResult result) => new(_ => Task.FromResult(result));

    public Task<ProviderResult> LookupAsync(EnrichmentRequest request, CancellationToken cancellationToken)
    {
        CallsPerItem.AddOrUpdate(request.ItemId, 1, (_, n) => n + 1);
        return answer(request);
    }
}
