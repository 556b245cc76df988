namespace Portal.Domain.Enrichment;

/// <summary>A row of <c>enrichment.provider_state</c>: a provider's circuit as one node last saw it, so every node's page can show it.</summary>
public sealed class ProviderState
{
    public required string Provider { get; set; }

    public required string Node { get; set; }

    /// <summary>closed, open or half_open.</summary>
    public required string Circuit { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
