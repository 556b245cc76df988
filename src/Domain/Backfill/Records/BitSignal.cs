namespace Portal.Domain.Backfill.Records;

/// <summary>A row of <c>bit_signal</c>: an engagement signal waiting to be scored.</summary>
public sealed class BitSignal
{
    public long Id { get; set; }

    public required string PersonUniqueId { get; set; }

    public string? CompanyUniqueId { get; set; }

    public required string SignalType { get; set; }

    public required string SourceType { get; set; }

    public int SignalCount { get; set; }

    public int Points { get; set; }

    public bool Scored { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? Metadata { get; set; }
}
