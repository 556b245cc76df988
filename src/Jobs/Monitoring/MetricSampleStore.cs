using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Portal.Jobs.Monitoring;

/// <summary>Writes the metric snapshots (minute samples and hourly averages) and drops them past retention.</summary>
public sealed class MetricSampleStore(NpgsqlDataSource dataSource, IOptions<MonitoringOptions> options)
{
    /// <summary>
    /// One sample per metric for this minute (a second run in the same minute replaces it), and this hour's average
    /// so far, recomputed from its samples.
    /// </summary>
    public async Task StoreAsync(IReadOnlyDictionary<string, double?> values, CancellationToken cancellationToken)
    {
        var known = values.Where(v => v.Value is not null).ToList();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ops.metric_sample (name, at, value)
            SELECT name, date_trunc('minute', now()), value FROM unnest(@names, @values) AS s(name, value)
            ON CONFLICT (name, at) DO UPDATE SET value = EXCLUDED.value;

            INSERT INTO ops.metric_hourly (name, hour, value, samples)
            SELECT name, date_trunc('hour', now()), avg(value), count(*) FROM ops.metric_sample
             WHERE at >= date_trunc('hour', now()) GROUP BY name
            ON CONFLICT (name, hour) DO UPDATE SET value = EXCLUDED.value, samples = EXCLUDED.samples;
            """);
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, known.Select(v => v.Key).ToArray());
        command.Parameters.AddWithValue("values", NpgsqlDbType.Array | NpgsqlDbType.Double, known.Select(v => v.Value!.Value).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <returns>The rows deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var purge = dataSource.CreateCommand("""
            DELETE FROM ops.metric_sample WHERE at < now() - make_interval(days => @days);
            DELETE FROM ops.metric_hourly WHERE hour < now() - make_interval(days => @hourlyDays);
            """);
        purge.Parameters.AddWithValue("days", options.Value.SampleRetentionDays);
        purge.Parameters.AddWithValue("hourlyDays", options.Value.HourlyRetentionDays);
        return await purge.ExecuteNonQueryAsync(cancellationToken);
    }
}
