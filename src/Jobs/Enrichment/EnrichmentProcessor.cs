using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using System.Text.Json;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Enrichment;
using Portal.Domain.Intake;
using Portal.Jobs.Backfill;
using Portal.Jobs.Configuration;
using Portal.Jobs.Enrichment.Providers;
using Portal.Jobs.Runs;
using Portal.Jobs.Watermarks;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// The enrichment pipeline's data path, in sets: ingests routing tasks as items (incrementally, through a watermark),
/// claims due items with <c>FOR UPDATE SKIP LOCKED</c> (any number of workers on any number of nodes), asks the
/// provider, and writes every outcome of a batch back with one binary COPY and a handful of statements in one
/// transaction: items, attempts, routing tasks, dead-letter alerts, and found people through intake into
/// <c>people_master</c> (locks respected).
/// </summary>
public sealed class EnrichmentProcessor(
    NpgsqlDataSource dataSource,
    IEnrichmentProvider provider,
    IOptions<EnrichmentOptions> options,
    IOptions<RunOptions> runOptions,
    ConfigStore config,
    TimeProvider time)
{
    public const string IntakeWatermarkJob = "enrichment-intake";
    public const string IntakeWatermarkEntity = AgentRoutingTask.SlotBackfillRecordType;

    /// <summary>Tasks are committed a little after their routed_at; each ingest looks this far behind its watermark.</summary>
    public static readonly TimeSpan IngestOverlap = TimeSpan.FromMinutes(2);

    /// <summary>Seed 002's reprocessing selection: NULL results nobody will pick up, and low confidence older than a day, under the retry limit.</summary>
    private const string ReprocessSelection = """
        enrichment_retry_count < 5 AND (
            (status IN ('pending', 'failed') AND next_attempt_at IS NULL AND (ai_confidence IS NULL OR ai_label IS NULL)
             AND NOT EXISTS (SELECT 1 FROM ops.job_run r WHERE r.id = backfill_run_id AND r.status IN ('queued', 'running')))
            OR (status = 'completed' AND ai_confidence < 0.7 AND updated_at < now() - interval '24 hours'))
        """;

    public IEnrichmentProvider Provider => provider;

    /// <summary>
    /// Turns queued slot backfill tasks into items: those routed since the watermark (a full sweep when there is none
    /// or when <paramref name="full"/>), then moves the watermark. Ingesting a task twice adds nothing.
    /// </summary>
    public async Task<long> IngestAsync(bool full, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var since = full ? null : await WatermarkStore.ReadAsync(connection, transaction, IntakeWatermarkJob, IntakeWatermarkEntity);
        var sql = $"""
            WITH ingested AS (
                INSERT INTO enrichment.enrichment_item (source, routing_task_id, intake_id, company_unique_id, slot_type, status, next_attempt_at, created_at, updated_at)
                SELECT '{EnrichmentSources.SlotBackfill}', r.id, CASE WHEN r.record_id ~ '^[0-9]+$' AND length(r.record_id) < 19 THEN r.record_id::bigint END,
                       r.company_unique_id, r.slot_type, 'pending', now(), now(), now()
                  FROM public.agent_routing_log r
                 WHERE r.record_type = '{AgentRoutingTask.SlotBackfillRecordType}' AND r.status = 'queued'
                   AND r.company_unique_id IS NOT NULL AND r.slot_type IS NOT NULL
                   AND (@since::timestamptz IS NULL OR r.routed_at > @since)
                ON CONFLICT (routing_task_id) DO NOTHING
                RETURNING 1)
            SELECT count(*), now() FROM ingested
            """;
        long count;
        DateTimeOffset now;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since is null ? DBNull.Value : since.Value - IngestOverlap });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            count = reader.GetInt64(0);
            now = reader.GetFieldValue<DateTimeOffset>(1);
        }

        // Never backwards, so a late-committed task is found by the overlap or by the next full sweep.
        var next = since is { } previous && previous > now ? previous : now;
        await WatermarkStore.AdvanceAsync(connection, transaction, IntakeWatermarkJob, next, IntakeWatermarkEntity);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>Items claimed by a worker that died (its lease ran out) become due again.</summary>
    public async Task<long> RecoverExpiredClaimsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE enrichment.enrichment_item i
               SET status = 'pending', lookup_status = 'PENDING', validate_status = 'PENDING', apply_status = 'PENDING',
                   claimed_by = NULL, claimed_until = NULL, next_attempt_at = now(), updated_at = now()
             WHERE i.id IN (SELECT id FROM enrichment.enrichment_item
                             WHERE status = 'in_progress' AND claimed_until < now()
                             FOR UPDATE SKIP LOCKED)
            """);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Claims, processes and writes back one batch; <see cref="EnrichmentBatch.Claimed"/> is 0 when nothing was due.</summary>
    /// <param name="backfillRunId">Only the pending items of this re-enrichment run; null for every due item.</param>
    public async Task<EnrichmentBatch> ProcessBatchAsync(long? backfillRunId, int batchSize, CancellationToken cancellationToken)
    {
        var token = $"{runOptions.Value.NodeName}/{Guid.NewGuid():N}";
        var claimed = await ClaimAsync(token, backfillRunId, batchSize, cancellationToken);
        var batch = new EnrichmentBatch { Claimed = claimed.Count };
        if (claimed.Count == 0)
        {
            return batch;
        }

        var results = new (EnrichmentOutcome Outcome, int DurationMs, bool Attempted)[claimed.Count];
        try
        {
            await Parallel.ForAsync(0, claimed.Count, new ParallelOptions { MaxDegreeOfParallelism = provider.Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var item = claimed[i];
                if (item.TaskCancelled)
                {
                    results[i] = (EnrichmentOutcome.Skip(item.RetryCount), 0, false);
                    return;
                }

                var watch = Stopwatch.StartNew();
                var result = await provider.LookupAsync(new EnrichmentRequest(item.Id, item.CompanyId, item.CompanyName, item.Domain, item.SlotType, item.RetryCount), ct);
                var outcome = EnrichmentOutcome.Decide(item.SlotType, item.RetryCount, result, time.GetUtcNow(), Random.Shared.NextDouble());
                results[i] = (outcome, (int)watch.ElapsedMilliseconds, true);
            });
        }
        catch (OperationCanceledException)
        {
            // Stopped mid-batch (a cancelled run, a stopping node): the batch goes back as it was, to be claimed again.
            await ReleaseAsync(token, CancellationToken.None);
            throw;
        }

        foreach (var (outcome, _, _) in results)
        {
            batch.Count(outcome);
        }

        await WriteAsync(token, claimed, results, CancellationToken.None);
        return batch;
    }

    /// <summary>Puts finished items matching seed 002's reprocessing selection back in the queue (or counts them).</summary>
    public async Task<long> RequeueForReprocessingAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var sql = dryRun
            ? $"SELECT count(*) FROM enrichment.enrichment_item WHERE {ReprocessSelection}"
            : $"""
              WITH requeued AS (
                  UPDATE enrichment.enrichment_item
                     SET status = 'pending', lookup_status = 'PENDING', validate_status = 'PENDING', apply_status = 'PENDING',
                         enrichment_retry_count = enrichment_retry_count + CASE WHEN status = 'completed' THEN 1 ELSE 0 END,
                         next_attempt_at = now(), completed_at = NULL, updated_at = now()
                   WHERE {ReprocessSelection}
                  RETURNING 1)
              SELECT count(*) FROM requeued
              """;
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Records this node's view of the provider's circuit, for every node's Enrichment page.</summary>
    public async Task SaveProviderStateAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO enrichment.provider_state (provider, node, circuit, opened_at, updated_at)
            VALUES (@provider, @node, @circuit, CASE WHEN @circuit = 'closed' THEN NULL ELSE now() END, now())
            ON CONFLICT (provider, node) DO UPDATE SET circuit = EXCLUDED.circuit, updated_at = now(),
                   opened_at = CASE WHEN EXCLUDED.circuit = 'closed' THEN NULL ELSE coalesce(provider_state.opened_at, now()) END
            """);
        command.Parameters.AddWithValue("provider", provider.Name);
        command.Parameters.AddWithValue("node", runOptions.Value.NodeName);
        command.Parameters.AddWithValue("circuit", provider.CircuitState);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<ClaimedItem>> ClaimAsync(string token, long? backfillRunId, int batchSize, CancellationToken cancellationToken)
    {
        var due = backfillRunId is null
            ? "status IN ('pending', 'failed') AND next_attempt_at <= now() ORDER BY next_attempt_at"
            : "backfill_run_id = @run AND status = 'pending' AND next_attempt_at IS NULL ORDER BY id";

        // The final SELECT sees the routing tasks as they were before this statement: a cancelled one means skip.
        var sql = $"""
            WITH due AS (
                SELECT id FROM enrichment.enrichment_item WHERE {due} LIMIT @limit FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE enrichment.enrichment_item i
                   SET status = 'in_progress', lookup_status = 'IN_PROGRESS', validate_status = 'PENDING', apply_status = 'PENDING',
                       claimed_by = @token, claimed_until = now() + @lease, last_enrichment_attempt = now(), updated_at = now()
                  FROM due WHERE i.id = due.id
                RETURNING i.id, i.routing_task_id, i.intake_id, i.company_unique_id, i.slot_type, i.source, i.enrichment_retry_count),
            tasks AS (
                UPDATE public.agent_routing_log r SET status = 'in_progress'
                  FROM claimed c WHERE r.id = c.routing_task_id AND r.status = 'queued')
            SELECT c.id, c.routing_task_id, c.intake_id, c.company_unique_id, c.slot_type, c.source, c.enrichment_retry_count,
                   m.company_name, m.domain, r.status = 'cancelled'
              FROM claimed c
              LEFT JOIN marketing.company_master m ON m.company_unique_id = c.company_unique_id
              LEFT JOIN public.agent_routing_log r ON r.id = c.routing_task_id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("limit", batchSize);
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("lease", options.Value.ClaimLease);
        command.Parameters.AddWithValue("run", (object?)backfillRunId ?? DBNull.Value);
        var items = new List<ClaimedItem>(batchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new ClaimedItem(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                !reader.IsDBNull(9) && reader.GetBoolean(9)));
        }

        return items;
    }

    private async Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH released AS (
                UPDATE enrichment.enrichment_item
                   SET status = 'pending', lookup_status = 'PENDING', claimed_by = NULL, claimed_until = NULL, updated_at = now()
                 WHERE claimed_by = @token AND status = 'in_progress'
                RETURNING routing_task_id)
            UPDATE public.agent_routing_log r SET status = 'queued' FROM released WHERE r.id = released.routing_task_id AND r.status = 'in_progress'
            """);
        command.Parameters.AddWithValue("token", token);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task WriteAsync(string token, List<ClaimedItem> claimed, (EnrichmentOutcome Outcome, int DurationMs, bool Attempted)[] results, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS enrichment_outcome (
                id bigint PRIMARY KEY, routing_task_id bigint, intake_id bigint, company_unique_id text, slot_type text, source text,
                status text, lookup_status text, validate_status text, apply_status text, ai_confidence double precision, ai_label text,
                full_name text, first_name text, last_name text, title text, email text, linkedin_url text,
                retry_count int, next_attempt_at timestamptz, error_class text, error text, dead_lettered bool,
                routing_status text, routing_result text, attempted bool, duration_ms int, applies bool, person_unique_id text
            ) ON COMMIT DELETE ROWS
            """);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY enrichment_outcome (id, routing_task_id, intake_id, company_unique_id, slot_type, source, status, lookup_status, validate_status, apply_status, ai_confidence, ai_label, full_name, first_name, last_name, title, email, linkedin_url, retry_count, next_attempt_at, error_class, error, dead_lettered, routing_status, routing_result, attempted, duration_ms, applies) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            for (var i = 0; i < claimed.Count; i++)
            {
                var item = claimed[i];
                var (outcome, duration, attempted) = results[i];
                var person = outcome.Person;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(item.Id, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(item.RoutingTaskId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(item.IntakeId, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(item.CompanyId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(item.SlotType, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(item.Source, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.Status, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.Stages.Lookup, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.Stages.Validate, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.Stages.Apply, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.AiConfidence, NpgsqlDbType.Double, cancellationToken);
                await writer.WriteAsync(outcome.AiLabel, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.FullName, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.FirstName, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.LastName, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.Title, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.Email, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(person?.LinkedinUrl, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.RetryCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(outcome.NextAttemptAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(outcome.ErrorClass, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.Error, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.DeadLettered, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(outcome.RoutingStatus, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(outcome.RoutingResult, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(attempted, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(duration, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(outcome.Applies, NpgsqlDbType.Boolean, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // A found person is an existing person of the company with the same LinkedIn URL or email, else a new one.
        await ExecuteAsync(connection, transaction, """
            UPDATE enrichment_outcome o SET person_unique_id = coalesce(
                (SELECT p.unique_id FROM marketing.people_master p
                  WHERE p.company_unique_id = o.company_unique_id
                    AND ((o.linkedin_url IS NOT NULL AND p.linkedin_url = o.linkedin_url) OR (o.email IS NOT NULL AND p.email = o.email))
                  ORDER BY p.unique_id LIMIT 1),
                'enr-' || o.id)
             WHERE o.applies
            """);
        await MergeIntoKnownPeopleAsync(connection, transaction, token, await ImportConfiguration.CurrentAsync(config, cancellationToken), cancellationToken);

        var sql = $"""
            -- Only items this batch still holds: a claim whose lease ran out belongs to whoever claimed it next.
            WITH written AS (
                UPDATE enrichment.enrichment_item i
                   SET status = o.status, lookup_status = o.lookup_status, validate_status = o.validate_status, apply_status = o.apply_status,
                       ai_confidence = o.ai_confidence, ai_label = o.ai_label,
                       found_full_name = o.full_name, found_first_name = o.first_name, found_last_name = o.last_name,
                       found_title = o.title, found_email = o.email, found_linkedin_url = o.linkedin_url,
                       person_unique_id = CASE WHEN o.applies THEN o.person_unique_id ELSE i.person_unique_id END,
                       enrichment_retry_count = o.retry_count, next_attempt_at = o.next_attempt_at,
                       error_messages = CASE WHEN o.error IS NULL THEN i.error_messages
                                             ELSE (i.error_messages || o.error)[greatest(1, cardinality(i.error_messages) - 8):] END,
                       last_error_class = coalesce(o.error_class, i.last_error_class),
                       escalated_at = CASE WHEN o.dead_lettered THEN now() ELSE i.escalated_at END,
                       merge_log = coalesce((SELECT m.log FROM enrichment_merge_log m WHERE m.id = o.id), i.merge_log),
                       claimed_by = NULL, claimed_until = NULL,
                       completed_at = CASE WHEN o.status IN ('completed', 'dead_letter', 'skipped') THEN now() END,
                       updated_at = now()
                  FROM enrichment_outcome o
                 WHERE i.id = o.id AND i.claimed_by = @token AND i.status = 'in_progress'
                RETURNING i.id)
            DELETE FROM enrichment_outcome o WHERE NOT EXISTS (SELECT 1 FROM written w WHERE w.id = o.id);

            INSERT INTO enrichment.enrichment_attempt (item_id, at, provider, node, outcome, error_class, error, duration_ms)
            SELECT id, now(), @provider, @node, coalesce(ai_label, 'failed'), error_class, error, duration_ms FROM enrichment_outcome WHERE attempted;

            -- The routing task follows its item while its round is open; a finished round is never reopened.
            UPDATE public.agent_routing_log r
               SET status = o.routing_status, result = o.routing_result,
                   completed_at = CASE WHEN o.routing_status IN ('done', 'failed') THEN now() END
              FROM enrichment_outcome o
             WHERE r.id = o.routing_task_id AND o.routing_status <> 'cancelled' AND r.status IN ('queued', 'in_progress');

            INSERT INTO enrichment.enrichment_alert (kind, severity, item_id, message, created_at)
            SELECT '{EnrichmentAlert.DeadLetterKind}', 'critical', id,
                   format('Item %s (%s %s) dead-lettered after %s retries; last error: %s', id, company_unique_id, slot_type, retry_count, coalesce(error_class, 'unknown')),
                   now()
              FROM enrichment_outcome WHERE dead_lettered;

            -- New people only: a known one was merged above, by the merge policy.
            INSERT INTO marketing.people_master AS p (unique_id, company_unique_id, first_name, last_name, full_name, title, email, linkedin_url, source_system, created_at, updated_at)
            SELECT DISTINCT ON (person_unique_id) person_unique_id, company_unique_id, first_name, last_name, full_name, title, email, linkedin_url, 'enrichment', now(), now()
              FROM enrichment_outcome WHERE applies ORDER BY person_unique_id, id
            ON CONFLICT (unique_id) DO NOTHING;

            -- The slot's pending request becomes the validated person; items without one get a validated intake row.
            WITH promoted AS (
                UPDATE intake.people_raw_intake i
                   SET full_name = o.full_name, first_name = o.first_name, last_name = o.last_name, title = o.title,
                       email = o.email, linkedin_url = o.linkedin_url, validated = TRUE, updated_at = now()
                  FROM enrichment_outcome o
                 WHERE o.applies AND i.id = o.intake_id AND NOT i.validated
                RETURNING o.id)
            INSERT INTO intake.people_raw_intake (company_unique_id, company_name, source_system, slot_type, backfill_source, validated,
                                                  full_name, first_name, last_name, title, email, linkedin_url, created_at, updated_at)
            SELECT o.company_unique_id, c.company_name, o.source, o.slot_type, 'enrichment', TRUE,
                   o.full_name, o.first_name, o.last_name, o.title, o.email, o.linkedin_url, now(), now()
              FROM enrichment_outcome o LEFT JOIN marketing.company_master c ON c.company_unique_id = o.company_unique_id
             WHERE o.applies AND o.id NOT IN (SELECT id FROM promoted);
            """;
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            command.Parameters.AddWithValue("token", token);
            command.Parameters.AddWithValue("provider", provider.Name);
            command.Parameters.AddWithValue("node", runOptions.Value.NodeName);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Applies found people to the known people they matched (by LinkedIn URL or email: exact evidence) by the merge
    /// policy, the one rule for every write into an existing person: the changes it allows are written guarded (only
    /// while the field still holds the value read, never a locked or hand-corrected one), and each item keeps what it
    /// changed and what it offered and was refused (<c>merge_log</c>). Items of one batch that found the same person are
    /// merged in turn.
    /// </summary>
    /// <param name="rules">The admin-edited import rules: which mailboxes are personal, and the merge policy's switches.</param>
    /// <param name="token">The batch's claim: items whose lease ran out belong to whoever claimed them next and are not applied.</param>
    private static async Task MergeIntoKnownPeopleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string token, ImportConfiguration rules, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"""
            CREATE TEMP TABLE IF NOT EXISTS enrichment_person_update (id text, {PersonFieldSql.ChangeColumnTypes}) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS enrichment_merge_log (id bigint PRIMARY KEY, log jsonb) ON COMMIT DELETE ROWS;
            """);
        var known = new List<(long Item, KnownPersonRow Person, PersonValues Found)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT o.id, p.unique_id, {string.Join(", ", PersonFields.All.Select(f => "p." + f))}, c.domain,
                   ARRAY(SELECT f FROM unnest(p.locked_fields) f
                         UNION SELECT jsonb_object_keys(CASE WHEN jsonb_typeof(p.manual_overrides) = 'object' THEN p.manual_overrides ELSE jsonb_build_object() END)
                         UNION SELECT 'email' WHERE p.manually_corrected_email UNION SELECT 'title' WHERE p.manually_corrected_title),
                   o.full_name, o.first_name, o.last_name, o.title, o.email, o.linkedin_url
              FROM enrichment_outcome o
              JOIN enrichment.enrichment_item i ON i.id = o.id AND i.claimed_by = @token AND i.status = 'in_progress'
              JOIN marketing.people_master p ON p.unique_id = o.person_unique_id
              LEFT JOIN marketing.company_master c ON c.company_unique_id = p.company_unique_id
             WHERE o.applies
             ORDER BY o.id
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("token", token);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                var present = new PersonValues(Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8));
                var person = new KnownPersonRow(reader.GetString(1), present, Text(9), [.. reader.GetFieldValue<string[]>(10).Select(f => f.ToLowerInvariant())]);
                known.Add((reader.GetInt64(0), person, new PersonValues(Text(11), Text(12), Text(13), Text(14), Text(15), null, Text(16))));
            }
        }

        if (known.Count == 0)
        {
            return;
        }

        var personal = new RowNormalizer(rules.Rules.Value);
        var updates = new Dictionary<string, (PersonValues Read, PersonValues Now)>(StringComparer.Ordinal);
        var logs = new List<(long Item, string Log)>();
        foreach (var (item, person, found) in known)
        {
            var current = updates.TryGetValue(person.Id, out var update) ? update.Now : person.Values;
            var merge = MergePolicy.Merge(current, found, person.Protected.Contains,
                new MergeContext(MatchEvidence.Exact, person.CompanyDomain, personal.IsPersonalEmail, rules.Merge.Value));
            updates[person.Id] = (update.Read ?? person.Values, merge.Result);
            logs.Add((item, JsonSerializer.Serialize(new { changes = merge.Changes, conflicts = merge.Conflicts, locked = merge.Locked }, MergeLogJson.Options)));
        }

        await using (var writer = await connection.BeginBinaryImportAsync($"COPY enrichment_person_update (id, {PersonFieldSql.ChangeColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (id, (read, now)) in updates)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
                foreach (var field in PersonFields.All)
                {
                    await writer.WriteAsync(!string.Equals(read.Get(field), now.Get(field), StringComparison.Ordinal), NpgsqlDbType.Boolean, cancellationToken);
                    await writer.WriteAsync(read.Get(field), NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(now.Get(field), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync("COPY enrichment_merge_log (id, log) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (item, log) in logs)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(item, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(log, NpgsqlDbType.Jsonb, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"""
            UPDATE marketing.people_master p SET {PersonFieldSql.GuardedSets("u")}, updated_at = now()
              FROM enrichment_person_update u WHERE p.unique_id = u.id
            """);
    }

    /// <summary>A known person a found person matched: their values, their company's domain and their protected fields.</summary>
    private sealed record KnownPersonRow(string Id, PersonValues Values, string? CompanyDomain, HashSet<string> Protected);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record ClaimedItem(long Id, long? RoutingTaskId, long? IntakeId, string CompanyId, string SlotType, string Source, int RetryCount, string? CompanyName, string? Domain, bool TaskCancelled);
}
