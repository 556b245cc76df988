using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Watermarks;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Slots;

namespace Portal.Jobs.Watermarks;

/// <summary>
/// Seed 003's repair: a missing watermark is recomputed from the data (what was really processed), never guessed
/// from something that would make the job reprocess forever. Only missing watermarks are written, marked with
/// <c>backfilled_at</c> and where the value came from, so running it again changes nothing.
/// </summary>
public sealed class WatermarkRepair(NpgsqlDataSource dataSource)
{
    /// <summary>Every incremental job's watermark and how to recompute it from the data.</summary>
    private static readonly IReadOnlyList<WatermarkSource> Sources =
    [
        new(SlotEvaluator.WatermarkJob, JobWatermark.AllEntities, "start of the last succeeded evaluation run",
            $"SELECT max(started_at) FROM ops.job_run WHERE job_name = '{EvaluateCompanySlotsJob.Name}' AND status = 'succeeded' AND NOT dry_run"),
        new(EnrichmentProcessor.IntakeWatermarkJob, EnrichmentProcessor.IntakeWatermarkEntity, "latest routing task already ingested as an item",
            "SELECT max(r.routed_at) FROM public.agent_routing_log r JOIN enrichment.enrichment_item i ON i.routing_task_id = r.id"),
    ];

    public async Task<IReadOnlyList<WatermarkRepairGroup>> RepairAsync(bool dryRun, long? runId, CancellationToken cancellationToken = default)
    {
        var groups = new List<WatermarkRepairGroup>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var source in Sources)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var existing = await WatermarkStore.ReadAsync(connection, transaction, source.Job, source.Entity);
            if (existing is not null)
            {
                groups.Add(new(source.Job, source.Entity, WatermarkRepairGroup.Present, existing, source.Description));
                continue;
            }

            await using var compute = new NpgsqlCommand(source.Sql, connection, transaction);
            if (await compute.ExecuteScalarAsync(cancellationToken) is not DateTime computed)
            {
                // Nothing processed yet: the job's next run is a full one and then sets its watermark itself.
                groups.Add(new(source.Job, source.Entity, WatermarkRepairGroup.NoData, null, source.Description));
                continue;
            }

            var value = new DateTimeOffset(computed, TimeSpan.Zero);
            if (dryRun)
            {
                groups.Add(new(source.Job, source.Entity, WatermarkRepairGroup.WouldRepair, value, source.Description));
                continue;
            }

            await using var insert = new NpgsqlCommand("""
                INSERT INTO ops.job_watermark (job_name, entity, watermark, updated_at, backfilled_at, metadata)
                VALUES (@job, @entity, @watermark, now(), now(), @metadata)
                ON CONFLICT (job_name, entity) DO NOTHING
                """, connection, transaction);
            insert.Parameters.AddWithValue("job", source.Job);
            insert.Parameters.AddWithValue("entity", source.Entity);
            insert.Parameters.AddWithValue("watermark", value);
            insert.Parameters.AddWithValue("metadata", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(new { source = source.Description, repairRunId = runId }));
            var written = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
            await transaction.CommitAsync(cancellationToken);
            groups.Add(new(source.Job, source.Entity, written ? WatermarkRepairGroup.Repaired : WatermarkRepairGroup.Present, value, source.Description));
        }

        return groups;
    }

    private sealed record WatermarkSource(string Job, string Entity, string Description, string Sql);
}

/// <summary>One watermark's line in a repair's per-group breakdown.</summary>
public sealed record WatermarkRepairGroup(string Job, string Entity, string Status, DateTimeOffset? Watermark, string Source)
{
    public const string Present = "present";
    public const string Repaired = "repaired";
    public const string WouldRepair = "would_repair";
    public const string NoData = "no_data";
}
