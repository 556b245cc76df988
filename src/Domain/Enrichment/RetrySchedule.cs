namespace Portal.Domain.Enrichment;

/// <summary>
/// Seed 002's retry strategy: retries after 1 min, 5 min, 15 min, 1 h and 4 h, each with up to ±10 % jitter so
/// items that failed together do not come back together; at most five retries, then the item is dead-lettered.
/// </summary>
public static class RetrySchedule
{
    public const int MaxRetries = 5;
    public const double Jitter = 0.10;

    public static readonly IReadOnlyList<TimeSpan> Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    /// <summary>The delay before retry <paramref name="retry"/> (1-based).</summary>
    /// <param name="jitterSample">A uniform sample in [0, 1); 0.5 means no jitter.</param>
    public static TimeSpan Delay(int retry, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(retry, MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(jitterSample, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitterSample, 1);
        var factor = 1 + (Jitter * ((2 * jitterSample) - 1));
        return TimeSpan.FromTicks((long)(Delays[retry - 1].Ticks * factor));
    }

    /// <summary>When retry <paramref name="retry"/> is due; a provider's Retry-After pushes it later, never earlier.</summary>
    public static DateTimeOffset NextAttempt(int retry, DateTimeOffset now, double jitterSample, TimeSpan? retryAfter = null)
    {
        var next = now + Delay(retry, jitterSample);
        return retryAfter is { } wait && now + wait > next ? now + wait : next;
    }
}
