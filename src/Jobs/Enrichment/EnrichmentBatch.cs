using Portal.Domain.Enrichment;

namespace Portal.Jobs.Enrichment;

/// <summary>Counts of what one or more batches did.</summary>
public sealed class EnrichmentBatch
{
    public long Claimed { get; set; }

    public long Found { get; set; }

    public long NotFound { get; set; }

    public long LowConfidence { get; set; }

    public long Rejected { get; set; }

    /// <summary>Failed, with a retry scheduled.</summary>
    public long Failed { get; set; }

    public long DeadLettered { get; set; }

    /// <summary>Skipped because their task was cancelled (the slot needs nobody any more).</summary>
    public long Skipped { get; set; }

    /// <summary>Items with an answer (found or not).</summary>
    public long Succeeded => Found + NotFound + LowConfidence + Rejected;

    public void Count(EnrichmentOutcome outcome)
    {
        switch (outcome.Status, outcome.AiLabel)
        {
            case (EnrichmentItemStatus.Skipped, _): Skipped++; break;
            case (EnrichmentItemStatus.DeadLetter, _): DeadLettered++; break;
            case (EnrichmentItemStatus.Failed, _): Failed++; break;
            case (_, EnrichmentLabels.Found): Found++; break;
            case (_, EnrichmentLabels.LowConfidence): LowConfidence++; break;
            case (_, EnrichmentLabels.Rejected): Rejected++; break;
            default: NotFound++; break;
        }
    }

    public void Add(EnrichmentBatch other)
    {
        Claimed += other.Claimed;
        Found += other.Found;
        NotFound += other.NotFound;
        LowConfidence += other.LowConfidence;
        Rejected += other.Rejected;
        Failed += other.Failed;
        DeadLettered += other.DeadLettered;
        Skipped += other.Skipped;
    }
}
