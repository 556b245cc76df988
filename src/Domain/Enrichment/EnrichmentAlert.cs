namespace Portal.Domain.Enrichment;

/// <summary>
/// A row of <c>enrichment.enrichment_alert</c>: something a person must look at (a dead-lettered item), recorded
/// when it happens; monitoring picks open alerts up and acknowledges them.
/// </summary>
public sealed class EnrichmentAlert
{
    public const string DeadLetterKind = "dead_letter";

    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Severity { get; set; }

    public long? ItemId { get; set; }

    public required string Message { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }
}
