using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Runs;

namespace Portal.Jobs.Runs;

/// <summary>
/// Writes run records with plain SQL: these statements sit on the hot path of every job, and each write
/// also NOTIFYs the run's change so open pages on any node update without polling.
/// </summary>
public sealed class RunStore(NpgsqlDataSource dataSource)
{
    private const string ActiveRunIndex = "ux_job_run_one_active_per_exclusive_job";

    public async Task<long> CreateAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO ops.job_run (job_name, trigger_source, triggered_by, parameters, dry_run, exclusive, status, retry_of_run_id, queued_at, done, recoveries)
            VALUES (@job, @source, @by, @parameters, @dryRun, @exclusive, 'queued', @retryOf, now(), 0, 0)
            RETURNING id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("job", run.JobName);
        command.Parameters.AddWithValue("source", run.TriggerSource);
        command.Parameters.AddWithValue("by", (object?)run.TriggeredBy ?? DBNull.Value);
        command.Parameters.AddWithValue("parameters", NpgsqlDbType.Jsonb, run.ParametersJson);
        command.Parameters.AddWithValue("dryRun", run.DryRun);
        command.Parameters.AddWithValue("exclusive", run.Exclusive);
        command.Parameters.AddWithValue("retryOf", (object?)run.RetryOfRunId ?? DBNull.Value);
        try
        {
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == ActiveRunIndex)
        {
            throw new JobAlreadyActiveException(run.JobName);
        }
    }

    /// <summary>Moves a queued (or recovered) run to running on this node; says what the job should do.</summary>
    public async Task<RunStart> StartAsync(long runId, string node, bool recovering, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE ops.job_run
               SET status = CASE WHEN cancel_requested_at IS NULL THEN 'running' ELSE status END,
                   started_at = coalesce(started_at, now()),
                   node = @node,
                   recoveries = recoveries + CASE WHEN @recovering THEN 1 ELSE 0 END,
                   updated_at = now()
             WHERE id = @id AND status IN ('queued', 'running')
            RETURNING done, parameters::text, dry_run, cancel_requested_at IS NOT NULL, retry_of_run_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("recovering", recovering);
        RunStart start;

        // Disposed exactly once, before NOTIFY: Npgsql reuses one reader object per pooled connection, so a
        // second dispose after the connection went back to the pool would close another query's reader.
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return RunStart.AlreadyFinished;
            }

            start = new RunStart(true, reader.GetInt64(0), reader.GetString(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetInt64(4));
        }

        await NotifyAsync(new RunEvent(runId, RunEvent.KindStatus, RunStatus.Running.ToDb()), cancellationToken);
        return start;
    }

    /// <summary>Saves progress and tells whether someone asked the run to stop.</summary>
    /// <param name="summaryJson">The summary counts so far (shown live), or null to keep the saved ones.</param>
    public async Task<bool> WriteProgressAsync(long runId, long done, long? total, string? message, string? summaryJson = null, CancellationToken cancellationToken = default)
    {
        const string sql = """
            WITH updated AS (
                UPDATE ops.job_run
                   SET done = @done, total = @total, message = coalesce(@message, message), summary = coalesce(@summary, summary), updated_at = now()
                 WHERE id = @id
                RETURNING id, done, total, cancel_requested_at IS NOT NULL AS cancel_requested)
            SELECT pg_notify(@channel, json_build_object('runId', id, 'kind', 'progress', 'status', 'running', 'done', done, 'total', total)::text),
                   cancel_requested
              FROM updated
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("done", done);
        command.Parameters.AddWithValue("total", (object?)total ?? DBNull.Value);
        command.Parameters.AddWithValue("message", (object?)message ?? DBNull.Value);
        command.Parameters.AddWithValue("summary", NpgsqlDbType.Jsonb, (object?)summaryJson ?? DBNull.Value);
        command.Parameters.AddWithValue("channel", RunEvent.Channel);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) && reader.GetBoolean(1);
    }

    public async Task AppendLogAsync(long runId, string level, string message, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO ops.job_run_log (run_id, at, level, message) VALUES (@id, now(), @level, @message);
            SELECT pg_notify(@channel, json_build_object('runId', @id, 'kind', 'log')::text);
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("level", level);
        command.Parameters.AddWithValue("message", message);
        command.Parameters.AddWithValue("channel", RunEvent.Channel);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishAsync(long runId, RunOutcome outcome, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE ops.job_run
               SET status = @status, summary = @summary, error = @error, error_detail = @detail,
                   done = coalesce(@done, done), total = coalesce(@total, total),
                   finished_at = now(), updated_at = now()
             WHERE id = @id AND status IN ('queued', 'running')
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("status", outcome.Status.ToDb());
        command.Parameters.AddWithValue("summary", NpgsqlDbType.Jsonb, (object?)outcome.SummaryJson ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)outcome.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("detail", (object?)outcome.ErrorDetail ?? DBNull.Value);
        command.Parameters.AddWithValue("done", (object?)outcome.Done ?? DBNull.Value);
        command.Parameters.AddWithValue("total", (object?)outcome.Total ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await NotifyAsync(new RunEvent(runId, RunEvent.KindStatus, outcome.Status.ToDb(), outcome.Done, outcome.Total), cancellationToken);
    }

    /// <summary>
    /// Asks a run to stop. A queued run is cancelled at once; a running one is told through NOTIFY
    /// (and through its next progress write, should the notification be missed).
    /// </summary>
    public async Task<CancelRequest> RequestCancelAsync(long runId, string requestedBy, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE ops.job_run
               SET cancel_requested_at = coalesce(cancel_requested_at, now()),
                   cancel_requested_by = coalesce(cancel_requested_by, @by),
                   status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                   finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
             WHERE id = @id AND status IN ('queued', 'running')
            RETURNING status
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", runId);
        command.Parameters.AddWithValue("by", requestedBy);
        var status = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (status is null)
        {
            return await ExistsAsync(runId, cancellationToken) ? CancelRequest.NotActive : CancelRequest.NotFound;
        }

        await NotifyAsync(new RunEvent(runId, RunEvent.KindCancel, status), cancellationToken);
        return CancelRequest.Requested;
    }

    public async Task<StoredRun?> FindAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT job_name, status, parameters::text, dry_run FROM ops.job_run WHERE id = @id");
        command.Parameters.AddWithValue("id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredRun(runId, reader.GetString(0), RunStatusExtensions.ParseDb(reader.GetString(1)), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }

    /// <summary>Deletes a finished run and its log lines; an active run is never deleted.</summary>
    public async Task<bool> DeleteFinishedAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ops.job_run WHERE id = @id AND status IN ('succeeded', 'failed', 'cancelled')");
        command.Parameters.AddWithValue("id", runId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<bool> ExistsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM ops.job_run WHERE id = @id)");
        command.Parameters.AddWithValue("id", runId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task NotifyAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", RunEvent.Channel);
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(runEvent));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed record NewRun(
    string JobName,
    string TriggerSource,
    string? TriggeredBy,
    string ParametersJson,
    bool DryRun,
    bool Exclusive,
    long? RetryOfRunId = null);

public sealed record RunStart(bool Proceed, long Done, string ParametersJson, bool DryRun, bool CancelRequested, long? RetryOfRunId = null)
{
    public static readonly RunStart AlreadyFinished = new(false, 0, "{}", false, false);
}

public sealed record StoredRun(long Id, string JobName, RunStatus Status, string ParametersJson, bool DryRun);

public sealed record RunOutcome(RunStatus Status, string? SummaryJson = null, string? Error = null, string? ErrorDetail = null, long? Done = null, long? Total = null);

public enum CancelRequest
{
    Requested,
    NotActive,
    NotFound,
}

public sealed class JobAlreadyActiveException(string jobName)
    : InvalidOperationException($"Job '{jobName}' is already queued or running; it does not run twice at once.")
{
    public string JobName { get; } = jobName;
}
