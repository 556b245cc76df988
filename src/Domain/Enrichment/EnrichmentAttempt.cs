namespace Portal.Domain.Enrichment;

/// <summary>A row of <c>enrichment.enrichment_attempt</c>: one provider call for one item, the retry ledger's history.</summary>
public sealed class EnrichmentAttempt
{
    public long Id { get; set; }

    public long ItemId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Provider { get; set; }

    public required string Node { get; set; }

    /// <summary>found, not_found, low_confidence, rejected or failed.</summary>
    public required string Outcome { get; set; }

    public string? ErrorClass { get; set; }

    public string? Error { get; set; }

    public int DurationMs { get; set; }
}
