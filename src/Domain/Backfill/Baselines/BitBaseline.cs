namespace Portal.Domain.Backfill.Baselines;

/// <summary>
/// One unscored <c>bit_signal</c> row of the baseline: the historical count of one kind and the points it is worth.
/// </summary>
public sealed record BitBaselineSignal(string SignalType, int Count, int Points)
{
    public string SourceType { get; } = BitBaseline.SourceType;

    /// <summary>Always false: the BIT scoring agent processes the baseline signals later.</summary>
    public bool Scored { get; }
}

/// <summary>A person's BIT baseline: the <c>bit_baseline_snapshot</c> score and tier, and the signals to create.</summary>
public sealed record BitBaselineResult(int Score, string Tier, IReadOnlyList<BitBaselineSignal> Signals);

/// <summary>Seed 001's BIT baseline: historical engagement turned into a score, a tier and unscored signals.</summary>
public static class BitBaseline
{
    public const string SourceType = "backfill_baseline";
    public const string HistoricalOpen = "historical_open";
    public const string HistoricalReply = "historical_reply";
    public const string HistoricalMeeting = "historical_meeting";

    /// <summary>opens × open points + replies × reply points + meetings × meeting points (5, 30, 50 by default).</summary>
    public static int Score(int opens, int replies, int meetings, BitScoring? scoring = null)
    {
        var weights = (scoring ?? BitScoring.Default).Validate();
        return Points(opens, weights.OpenPoints) + Points(replies, weights.ReplyPoints) + Points(meetings, weights.MeetingPoints);
    }

    /// <summary>The name of the highest tier whose minimum the score reaches.</summary>
    public static string Tier(int score, BitScoring? scoring = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        var tiers = (scoring ?? BitScoring.Default).Validate().Tiers;
        var tier = tiers[0];
        foreach (var candidate in tiers)
        {
            if (candidate.MinScore > score)
            {
                break;
            }

            tier = candidate;
        }

        return tier.Name;
    }

    /// <summary>One signal per kind with a non-zero count (a kind with no history creates no row).</summary>
    public static IReadOnlyList<BitBaselineSignal> Signals(int opens, int replies, int meetings, BitScoring? scoring = null)
    {
        var weights = (scoring ?? BitScoring.Default).Validate();
        var signals = new List<BitBaselineSignal>(3);
        Add(signals, HistoricalOpen, opens, weights.OpenPoints);
        Add(signals, HistoricalReply, replies, weights.ReplyPoints);
        Add(signals, HistoricalMeeting, meetings, weights.MeetingPoints);
        return signals;
    }

    public static BitBaselineResult Compute(int opens, int replies, int meetings, BitScoring? scoring = null)
    {
        var score = Score(opens, replies, meetings, scoring);
        return new BitBaselineResult(score, Tier(score, scoring), Signals(opens, replies, meetings, scoring));
    }

    private static void Add(List<BitBaselineSignal> signals, string type, int count, int weight)
    {
        var points = Points(count, weight);
        if (count > 0)
        {
            signals.Add(new BitBaselineSignal(type, count, points));
        }
    }

    private static int Points(int count, int weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return checked(count * weight);
    }
}
