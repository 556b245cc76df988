using Npgsql;

namespace Portal.Jobs;

/// <summary>Succeeded and failed runs per hour or per day, for the job dashboard's charts; one grouped query.</summary>
public sealed class RunStatsService(NpgsqlDataSource dataSource)
{
    public Task<IReadOnlyList<RunBucket>> PerHourAsync(string? jobName, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BucketsAsync("hour", TimeSpan.FromHours(1), 24, jobName, now, cancellationToken);

    public Task<IReadOnlyList<RunBucket>> PerDayAsync(string? jobName, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        BucketsAsync("day", TimeSpan.FromDays(1), 30, jobName, now, cancellationToken);

    private async Task<IReadOnlyList<RunBucket>> BucketsAsync(string unit, TimeSpan width, int count, string? jobName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = Truncate(now.ToUniversalTime(), width);
        var first = last - (width * (count - 1));
        const string sql = """
            SELECT date_trunc(@unit, finished_at AT TIME ZONE 'UTC') AS bucket,
                   count(*) FILTER (WHERE status = 'succeeded'),
                   count(*) FILTER (WHERE status = 'failed')
              FROM ops.job_run
             WHERE finished_at >= @first AND (@job::text IS NULL OR job_name = @job)
             GROUP BY 1
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("unit", unit);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("job", (object?)jobName ?? DBNull.Value);
        var counts = new Dictionary<DateTime, (long Succeeded, long Failed)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        // Every bucket appears, empty ones as zero, so the chart's axis is even.
        return Enumerable.Range(0, count)
            .Select(i => first + (width * i))
            .Select(start => counts.TryGetValue(start.UtcDateTime, out var c) ? new RunBucket(start, c.Succeeded, c.Failed) : new RunBucket(start, 0, 0))
            .ToList();
    }

    private static DateTimeOffset Truncate(DateTimeOffset time, TimeSpan width) =>
        new(time.UtcTicks - (time.UtcTicks % width.Ticks), TimeSpan.Zero);
}

public sealed record RunBucket(DateTimeOffset Start, long Succeeded, long Failed);
