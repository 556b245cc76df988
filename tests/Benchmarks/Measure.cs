using System.Diagnostics;

namespace Portal.Benchmarks;

/// <summary>Times an operation: a few warm-up calls, then median and 95th percentile of the rest.</summary>
internal static class Measure
{
    public static async Task<Timing> TimeAsync(Func<Task> operation, int iterations = 25, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            await operation();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return new Timing(samples[iterations / 2], samples[(int)Math.Ceiling(iterations * 0.95) - 1]);
    }
}

internal readonly record struct Timing(double MedianMs, double P95Ms);
