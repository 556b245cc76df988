using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Retention;

/// <summary>Deletes finished run records (log lines go with them) past their retention age, in batches.</summary>
[DisallowConcurrentExecution]
public sealed class PurgeRunHistoryJob(
    NpgsqlDataSource dataSource,
    IOptions<RetentionOptions> retention,
    RunJobServices services)
    : RunJob(services)
{
    public const string Name = "purge-run-history";
    private const int BatchSize = 5_000;

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var settings = retention.Value;
        const string countSql = """
            SELECT count(*) FROM ops.job_run
             WHERE status IN ('succeeded', 'cancelled') AND finished_at < now() - make_interval(days => @days)
                OR status = 'failed' AND finished_at < now() - make_interval(days => @failedDays)
            """;
        const string deleteSql = """
            DELETE FROM ops.job_run WHERE id IN (
                SELECT id FROM ops.job_run
                 WHERE status IN ('succeeded', 'cancelled') AND finished_at < now() - make_interval(days => @days)
                    OR status = 'failed' AND finished_at < now() - make_interval(days => @failedDays)
                 LIMIT @batch)
            """;

        var total = (long)(await Command(countSql, settings).ExecuteScalarAsync(run.CancellationToken))!;
        await run.LogAsync($"{total} runs are past retention ({settings.RunDays} days, failed {settings.FailedRunDays} days).");
        long deleted = 0;
        while (deleted < total)
        {
            await using var delete = Command(deleteSql, settings);
            delete.Parameters.AddWithValue("batch", BatchSize);
            var batch = await delete.ExecuteNonQueryAsync(run.CancellationToken);
            if (batch == 0)
            {
                break;
            }

            deleted += batch;
            run.Summary = new PurgeRunHistorySummary(deleted);
            await run.ReportProgressAsync(deleted, total);
        }

        return new PurgeRunHistorySummary(deleted);
    }

    private NpgsqlCommand Command(string sql, RetentionOptions settings)
    {
        var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("days", settings.RunDays);
        command.Parameters.AddWithValue("failedDays", settings.FailedRunDays);
        return command;
    }
}

public sealed record PurgeRunHistorySummary(long RunsDeleted);
