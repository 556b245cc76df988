namespace Portal.Domain.Runs;

/// <summary>Rate and ETA of a run, derived from its counters and clock.</summary>
public readonly record struct RunProgress(long Done, long? Total, double? Percent, double? PerSecond, TimeSpan? Eta)
{
    public static RunProgress Of(long done, long? total, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        double? percent = total is > 0 ? Math.Min(100.0, 100.0 * done / total.Value) : null;
        var elapsed = startedAt is null ? 0 : (now - startedAt.Value).TotalSeconds;
        double? rate = elapsed > 0.5 && done > 0 ? done / elapsed : null;
        TimeSpan? eta = rate is > 0 && total is not null && total.Value >= done
            ? TimeSpan.FromSeconds((total.Value - done) / rate.Value)
            : null;
        return new RunProgress(done, total, percent, rate, eta);
    }
}
