using Npgsql;
using NpgsqlTypes;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The one writer of <c>ops.backfill_import</c>: an upload is registered, its header corrections saved, its run and
/// configuration versions recorded, its checkpoint moved batch by batch (inside the importer's own transactions) and
/// its revert recorded, all here.
/// </summary>
public sealed class BackfillImportStore(NpgsqlDataSource dataSource)
{
    /// <summary>Registers a stored upload; nothing is imported yet.</summary>
    public async Task<long> RegisterAsync(string fileName, string sha256, long size, string createdBy, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by)
            VALUES (@name, @hash, @size, false, 0, @by) RETURNING id
            """);
        command.Parameters.AddWithValue("name", fileName);
        command.Parameters.AddWithValue("hash", sha256);
        command.Parameters.AddWithValue("size", size);
        command.Parameters.AddWithValue("by", createdBy);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Saves the operator's header corrections (JSON); false when the import has written rows already (or does not exist).</summary>
    public async Task<bool> SetColumnMapAsync(long importId, string mapJson, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE ops.backfill_import SET column_map = @map::jsonb WHERE id = @id AND checkpoint = 0");
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("map", mapJson);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The SHA-256 taken at upload, or null when there is no such import.</summary>
    public async Task<string?> FileHashAsync(long importId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT file_hash FROM ops.backfill_import WHERE id = @id");
        command.Parameters.AddWithValue("id", importId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Records the run importing the upload and the configuration versions it uses (a dry run records nothing) and
    /// returns the import's column map (JSON), or null when it has none.
    /// </summary>
    public async Task<string?> StartRunAsync(long importId, long runId, bool dryRun, ImportConfiguration configuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        await using var command = dataSource.CreateCommand(dryRun
            ? "SELECT column_map::text FROM ops.backfill_import WHERE id = @id"
            : """
              UPDATE ops.backfill_import SET run_id = @run, normalization_rules_version_id = @rules,
                     matching_thresholds_version_id = @thresholds, bit_scoring_version_id = @scoring, merge_rules_version_id = @merge
               WHERE id = @id
              RETURNING column_map::text
              """);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("rules", (object?)configuration.Rules.Version?.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("thresholds", (object?)configuration.Thresholds.Version?.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("scoring", (object?)configuration.Scoring.Version?.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("merge", (object?)configuration.Merge.Version?.Id ?? DBNull.Value);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Records the file's row count (when known) and returns the checkpoint: the import resumes after that row.</summary>
    internal static async Task<int> ReadCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long importId, long? total, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE ops.backfill_import SET row_count = coalesce(@total, row_count) WHERE id = @id RETURNING checkpoint", connection, transaction);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.Add(new NpgsqlParameter<int?>("total", NpgsqlDbType.Integer) { TypedValue = total is null ? null : (int)total.Value });
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is int checkpoint ? checkpoint : throw new InvalidOperationException($"Backfill import {importId} does not exist.");
    }

    /// <summary>Moves the checkpoint, in the transaction that writes the rows up to it.</summary>
    internal static async Task SetCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, long importId, int row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE ops.backfill_import SET checkpoint = @row WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("row", row);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Locks the import for its revert; whether it is reverted already and whether its run is still queued or running.</summary>
    /// <exception cref="KeyNotFoundException">No such import.</exception>
    internal static async Task<(bool Reverted, bool Running)> LockForRevertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long importId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.reverted_at IS NOT NULL,
                   EXISTS (SELECT 1 FROM ops.job_run r
                            WHERE r.job_name = @job AND r.status IN ('queued', 'running') AND r.parameters ->> 'importId' = i.id::text)
              FROM ops.backfill_import i
             WHERE i.id = @id
               FOR UPDATE OF i
            """, connection, transaction);
        command.Parameters.AddWithValue("job", ImportLegacyBackfillJob.Name);
        command.Parameters.AddWithValue("id", importId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetBoolean(0), reader.GetBoolean(1))
            : throw new KeyNotFoundException($"There is no legacy import {importId}.");
    }

    /// <summary>Records who reverted the import, when, and what the revert did (JSON).</summary>
    internal static async Task MarkRevertedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long importId, string actor, string summaryJson, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "UPDATE ops.backfill_import SET reverted_at = now(), reverted_by = @actor, revert_summary = @summary::jsonb WHERE id = @id", connection, transaction);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("summary", summaryJson);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
