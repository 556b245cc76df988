using Npgsql;
using Portal.Domain.Watermarks;

namespace Portal.Jobs.Watermarks;

/// <summary>Reads and advances job watermarks (<c>ops.job_watermark</c>) inside the caller's transaction.</summary>
public static class WatermarkStore
{
    public static async Task<DateTimeOffset?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobName, string entity = JobWatermark.AllEntities)
    {
        await using var command = new NpgsqlCommand("SELECT watermark FROM ops.job_watermark WHERE job_name = @job AND entity = @entity", connection, transaction);
        command.Parameters.AddWithValue("job", jobName);
        command.Parameters.AddWithValue("entity", entity);
        return await command.ExecuteScalarAsync() is DateTime value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
    }

    public static async Task AdvanceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobName, DateTimeOffset watermark, string entity = JobWatermark.AllEntities)
    {
        const string sql = """
            INSERT INTO ops.job_watermark (job_name, entity, watermark, updated_at)
            VALUES (@job, @entity, @watermark, now())
            ON CONFLICT (job_name, entity) DO UPDATE SET watermark = EXCLUDED.watermark, updated_at = now()
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("job", jobName);
        command.Parameters.AddWithValue("entity", entity);
        command.Parameters.AddWithValue("watermark", watermark);
        await command.ExecuteNonQueryAsync();
    }
}
