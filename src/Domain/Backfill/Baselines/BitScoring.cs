namespace Portal.Domain.Backfill.Baselines;

/// <summary>A BIT tier: scores from <paramref name="MinScore"/> up to the next tier's minimum.</summary>
public sealed record BitTier(string Name, int MinScore);

/// <summary>
/// The BIT baseline weights and tiers (admin-editable configuration, serialized as JSON). Defaults from seed 001:
/// opens × 5, replies × 30, meetings × 50; cold 0–49, warm 50–99, engaged 100–199, hot 200–299, burning 300+.
/// </summary>
public sealed record BitScoring
{
    // Declared before Default: static initializers run in textual order.
    public static IReadOnlyList<BitTier> DefaultTiers { get; } =
        [new("cold", 0), new("warm", 50), new("engaged", 100), new("hot", 200), new("burning", 300)];

    public static BitScoring Default { get; } = new();

    public int OpenPoints { get; init; } = 5;

    public int ReplyPoints { get; init; } = 30;

    public int MeetingPoints { get; init; } = 50;

    /// <summary>Ordered by minimum score; the first starts at 0 and the last has no upper bound.</summary>
    public IReadOnlyList<BitTier> Tiers { get; init; } = DefaultTiers;

    /// <summary>Throws unless the weights are non-negative and the tiers named, starting at 0 and strictly ascending.</summary>
    public BitScoring Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(OpenPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(ReplyPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(MeetingPoints);
        if (Tiers is not { Count: > 0 } || Tiers[0].MinScore != 0)
        {
            throw new ArgumentException("The tiers must not be empty and the first must start at 0.", nameof(Tiers));
        }

        for (var i = 0; i < Tiers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Tiers[i].Name))
            {
                throw new ArgumentException($"Tier {i} has no name.", nameof(Tiers));
            }

            if (i > 0 && Tiers[i].MinScore <= Tiers[i - 1].MinScore)
            {
                throw new ArgumentException($"Tier '{Tiers[i].Name}' must start above '{Tiers[i - 1].Name}'.", nameof(Tiers));
            }
        }

        return this;
    }
}
