using Portal.Domain.Slots;

namespace Portal.Domain.Enrichment;

/// <summary>Which finished items a re-enrichment backfill asks the provider about again (seed 004).</summary>
public static class ReEnrichmentSelections
{
    /// <summary>Lookups that found nobody: the slot's request is still a placeholder.</summary>
    public const string Placeholder = "placeholder";

    /// <summary>Dead-lettered items.</summary>
    public const string Failed = "failed";

    /// <summary>Answers below the confidence threshold.</summary>
    public const string LowConfidence = "low_confidence";

    /// <summary>Answers older than a number of days.</summary>
    public const string Stale = "stale";

    public static readonly IReadOnlyList<string> All = [Placeholder, Failed, LowConfidence, Stale];
}

/// <summary>A re-enrichment backfill's selection and pacing, as the wizard and the job's parameters carry them.</summary>
public sealed class ReEnrichmentCriteria
{
    public string Selection { get; set; } = ReEnrichmentSelections.Placeholder;

    /// <summary>For <see cref="ReEnrichmentSelections.Stale"/>: answers older than this many days.</summary>
    public int StaleDays { get; set; } = 30;

    /// <summary>Only this slot type (CEO, CFO, HR); null for all.</summary>
    public string? SlotType { get; set; }

    /// <summary>Items per batch; progress is saved and the delay applied after each batch.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Pause between batches, to stay under the provider's quota.</summary>
    public int DelayMs { get; set; } = 1000;

    /// <summary>A message per invalid value; empty when the criteria can run.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!ReEnrichmentSelections.All.Contains(Selection))
        {
            errors.Add($"Selection must be one of {string.Join(", ", ReEnrichmentSelections.All)}.");
        }

        if (StaleDays is < 1 or > 3650)
        {
            errors.Add("Stale days must be between 1 and 3650.");
        }

        if (SlotType is not null && !SlotTypeNames.All.Contains(SlotType))
        {
            errors.Add($"Slot type must be one of {string.Join(", ", SlotTypeNames.All)}.");
        }

        if (BatchSize is < 1 or > 10_000)
        {
            errors.Add("Batch size must be between 1 and 10,000.");
        }

        if (DelayMs is < 0 or > 600_000)
        {
            errors.Add("Delay must be between 0 and 600,000 ms.");
        }

        return errors;
    }
}

/// <summary>What a re-enrichment backfill will cost, shown before it is confirmed.</summary>
public sealed record ReEnrichmentEstimate(long Items, long ProviderCalls, long Batches, TimeSpan Duration)
{
    /// <summary>One provider call per item; calls paced at the provider's rate, plus the pause between batches.</summary>
    /// <param name="callsPerMinute">The provider's sustained rate (its rate limit, or what its latency and concurrency allow).</param>
    public static ReEnrichmentEstimate Of(long items, int batchSize, int delayMs, double callsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callsPerMinute);
        var batches = (items + batchSize - 1) / batchSize;
        var calling = TimeSpan.FromMinutes(items / callsPerMinute);
        var pauses = TimeSpan.FromMilliseconds((double)Math.Max(0, batches - 1) * delayMs);
        return new ReEnrichmentEstimate(items, items, batches, calling + pauses);
    }
}
