using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Intake;
using Portal.Domain.Slots;
using Portal.Jobs.Watermarks;

namespace Portal.Jobs.Slots;

/// <summary>
/// Evaluates company slots in sets: classifies changed titles, reads the facts of every slot of the changed
/// companies in batches (one query each), decides with <see cref="SlotRules"/>, and writes the decisions back
/// with a handful of set-based statements per batch. A dry run does all of it inside a transaction it rolls back.
/// </summary>
public sealed class SlotEvaluator(NpgsqlDataSource dataSource)
{
    public const string WatermarkJob = "evaluate-company-slots";
    private const int ClassifyBatch = 50_000;
    private const int CompanyBatch = 20_000;
    private const int SampleSize = 20;

    public delegate Task Progress(long done, long total, string message);

    public async Task<SlotEvaluationSummary> EvaluateAsync(SlotEvaluationOptions options, long? runId, Progress progress, CancellationToken cancellationToken)
    {
        var summary = new SlotEvaluationSummary { DryRun = options.DryRun };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var startedAt = await ScalarAsync<DateTime>(connection, null, "SELECT now()");
        await ExecuteAsync(connection, null, "SET jit = off");

        // A dry run is one transaction rolled back at the end; a real run commits batch by batch so a
        // cancelled run keeps what it finished (the next run re-evaluates the rest, idempotently).
        await using var dryRun = options.DryRun ? await connection.BeginTransactionAsync(cancellationToken) : null;

        var watermark = options.Full ? null : await ReadWatermarkAsync(connection, dryRun);
        summary.Incremental = watermark is not null;
        summary.PeopleClassified = await ClassifyTitlesAsync(connection, dryRun, progress, cancellationToken);

        await ExecuteAsync(connection, dryRun, "CREATE TEMP TABLE IF NOT EXISTS eval_company (company_unique_id text PRIMARY KEY) ON COMMIT PRESERVE ROWS; TRUNCATE eval_company;");
        await SelectChangedCompaniesAsync(connection, dryRun, watermark);
        var total = await ScalarAsync<long>(connection, dryRun, "SELECT count(*) FROM eval_company");
        var tally = new Tally();
        string? after = null;
        long done = 0;
        await progress(0, total, total == 0 ? "Nothing changed since the last evaluation" : $"Evaluating {total:N0} companies");
        while (done < total)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var batch = dryRun is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var transaction = dryRun ?? batch;
            var facts = await ReadFactsAsync(connection, transaction, after, cancellationToken);
            if (facts.Count == 0)
            {
                break;
            }

            var outcomes = Decide(facts, options.MaxAttempts, tally, summary);
            await WriteAsync(connection, transaction, outcomes, runId, tally, cancellationToken);
            if (batch is not null)
            {
                await batch.CommitAsync(cancellationToken);
            }

            after = facts[^1].CompanyId;
            done += facts.Select(f => f.CompanyId).Distinct().Count();
            await progress(done, total, $"Evaluated {done:N0} of {total:N0} companies");
        }

        tally.CopyTo(summary, done);
        summary.TableFillRate = await TableFillRatesAsync(connection, dryRun);
        if (dryRun is null)
        {
            await using var finish = await connection.BeginTransactionAsync(cancellationToken);
            await WatermarkStore.AdvanceAsync(connection, finish, WatermarkJob, new DateTimeOffset(startedAt, TimeSpan.Zero));
            await finish.CommitAsync(cancellationToken);
        }
        else
        {
            await dryRun.RollbackAsync(cancellationToken);
        }

        return summary;
    }

    private static async Task<DateTimeOffset?> ReadWatermarkAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        if (transaction is not null)
        {
            return await WatermarkStore.ReadAsync(connection, transaction, WatermarkJob);
        }

        await using var read = await connection.BeginTransactionAsync();
        return await WatermarkStore.ReadAsync(connection, read, WatermarkJob);
    }

    /// <summary>Classifies every title that changed since it was last classified; companies of reclassified people are evaluated.</summary>
    private static async Task<long> ClassifyTitlesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Progress progress, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS classified_person (unique_id text PRIMARY KEY, slot_types text[]) ON COMMIT PRESERVE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS reclassified_company (company_unique_id text PRIMARY KEY) ON COMMIT PRESERVE ROWS;
            TRUNCATE classified_person, reclassified_company;
            """);
        long classified = 0;
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = new List<(string Id, string? Title)>();
            await using (var read = new NpgsqlCommand(
                $"SELECT unique_id, title FROM marketing.people_master WHERE (@after::text IS NULL OR unique_id > @after) AND (title IS DISTINCT FROM classified_title OR (title IS NULL AND cardinality(slot_types) > 0)) ORDER BY unique_id LIMIT {ClassifyBatch}",
                connection,
                transaction) { Parameters = { new("after", (object?)after ?? DBNull.Value) } })
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
                }
            }

            if (rows.Count == 0)
            {
                return classified;
            }

            await ExecuteAsync(connection, transaction, "TRUNCATE classified_person");
            await using (var writer = await connection.BeginBinaryImportAsync("COPY classified_person (unique_id, slot_types) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (var (id, title) in rows)
                {
                    await writer.StartRowAsync(cancellationToken);
                    await writer.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
                    await writer.WriteAsync(TitleClassifier.Classify(title).Names().ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                }

                await writer.CompleteAsync(cancellationToken);
            }

            // Classification is derived data: updated_at stays as the people's writers left it.
            await using (var update = new NpgsqlCommand("""
                UPDATE marketing.people_master p SET slot_types = c.slot_types, classified_title = p.title
                  FROM classified_person c WHERE p.unique_id = c.unique_id AND p.unique_id BETWEEN @lo AND @hi;
                INSERT INTO reclassified_company
                SELECT DISTINCT p.company_unique_id FROM marketing.people_master p JOIN classified_person c USING (unique_id)
                 WHERE p.unique_id BETWEEN @lo AND @hi
                ON CONFLICT DO NOTHING;
                """, connection, transaction))
            {
                update.Parameters.AddWithValue("lo", rows[0].Id);
                update.Parameters.AddWithValue("hi", rows[^1].Id);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            classified += rows.Count;
            after = rows[^1].Id;
            await progress(0, 0, $"Classified {classified:N0} titles");
        }
    }

    private static async Task SelectChangedCompaniesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, DateTimeOffset? watermark)
    {
        if (watermark is null)
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO eval_company SELECT company_unique_id FROM marketing.company_master");
            return;
        }

        // Anything that can change a slot: the company, its people (titles, new, moved), finished enrichment rounds
        // (searches this job cancelled itself change nothing).
        const string sql = """
            INSERT INTO eval_company
            SELECT company_unique_id FROM marketing.company_master WHERE updated_at > @since
            UNION SELECT company_unique_id FROM marketing.people_master WHERE updated_at > @since
            UNION SELECT company_unique_id FROM reclassified_company
            UNION SELECT company_unique_id FROM public.agent_routing_log
                   WHERE record_type = 'person_slot_backfill' AND status IN ('done', 'failed') AND completed_at > @since AND company_unique_id IS NOT NULL
            ON CONFLICT DO NOTHING
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("since", watermark.Value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<SlotFactsRow>> ReadFactsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string? after, CancellationToken cancellationToken)
    {
        // The best candidate: a title a human corrected, then a dedicated title over a compound one, then the most recent.
        const string sql = """
            WITH batch AS (
                SELECT company_unique_id FROM eval_company WHERE @after::text IS NULL OR company_unique_id > @after
                 ORDER BY company_unique_id LIMIT @batch),
            slot_types(slot_type) AS (VALUES ('CEO'), ('CFO'), ('HR'))
            SELECT b.company_unique_id, st.slot_type, s.status, coalesce(s.enrichment_attempts, 0), s.person_unique_id,
                   coalesce(s.candidate_count, 0), c.unique_id, coalesce(c.candidate_count, 0)::int, m.company_name,
                   (SELECT count(*)::int FROM public.agent_routing_log r
                     WHERE r.record_type = 'person_slot_backfill' AND r.company_unique_id = b.company_unique_id
                       AND r.slot_type = st.slot_type AND r.status IN ('done', 'failed')
                       AND r.completed_at > coalesce(s.attempts_since, '-infinity'))
              FROM batch b
              JOIN marketing.company_master m ON m.company_unique_id = b.company_unique_id
             CROSS JOIN slot_types st
              LEFT JOIN LATERAL (
                  SELECT s.status, s.enrichment_attempts, s.person_unique_id, s.candidate_count, s.attempts_since
                    FROM marketing.company_slot s
                   WHERE s.company_unique_id = b.company_unique_id AND s.slot_type = st.slot_type
                  OFFSET 0) s ON TRUE
              LEFT JOIN LATERAL (
                  SELECT p.unique_id, count(*) OVER () AS candidate_count
                    FROM marketing.people_master p
                   WHERE p.company_unique_id = b.company_unique_id AND st.slot_type = ANY (p.slot_types)
                   ORDER BY p.manually_corrected_title DESC, cardinality(p.slot_types), p.updated_at DESC, p.unique_id
                   LIMIT 1) c ON TRUE
             ORDER BY b.company_unique_id, st.slot_type
            """;
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("batch", CompanyBatch);
        var rows = new List<SlotFactsRow>(CompanyBatch * 3);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SlotFactsRow(
                reader.GetString(0),
                reader.GetString(8),
                reader.GetString(1),
                new SlotFacts(
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.GetInt32(7),
                    reader.GetInt32(9)),
                reader.GetInt32(5)));
        }

        return rows;
    }

    private static List<SlotOutcomeRow> Decide(List<SlotFactsRow> facts, int maxAttempts, Tally tally, SlotEvaluationSummary summary)
    {
        var outcomes = new List<SlotOutcomeRow>(facts.Count);
        foreach (var company in facts.GroupBy(f => f.CompanyId))
        {
            var filledBy = new List<string>();
            var requests = new List<string>();
            var filled = new List<string>();
            foreach (var row in company)
            {
                var outcome = SlotRules.Decide(row.Facts, maxAttempts);
                var changed = SlotRules.Changes(row.Facts, outcome) || row.StoredCandidateCount != row.Facts.CandidateCount;
                outcomes.Add(new SlotOutcomeRow(row.CompanyId, row.SlotType, outcome, row.Facts.CandidateCount, row.Facts.CurrentStatus is null, changed, SlotRules.Changes(row.Facts, outcome)));
                tally.Count(outcome, row.SlotType, row.Facts.CandidateCount);
                if (outcome.PersonId is { } person)
                {
                    filledBy.Add(person);
                    filled.Add(row.SlotType);
                }

                if (outcome.BackfillAttempt is not null)
                {
                    requests.Add(row.SlotType);
                }
            }

            // A compound match: one person chosen for more than one of the company's slots.
            tally.CompoundMatches += filledBy.GroupBy(p => p).Count(g => g.Count() > 1);
            if (summary.DryRun && summary.Sample.Count < SampleSize && requests.Count > 0)
            {
                summary.Sample.Add(new SlotEvaluationSample(company.Key, company.First().CompanyName, requests, filled));
            }
        }

        return outcomes;
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<SlotOutcomeRow> outcomes, long? runId, Tally tally, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, """
            CREATE TEMP TABLE IF NOT EXISTS slot_outcome (
                company_unique_id text, slot_type text, status text, attempts int, person_unique_id text,
                backfill_attempt int, candidate_count int, is_new bool, changed bool, status_changed bool,
                PRIMARY KEY (company_unique_id, slot_type)) ON COMMIT PRESERVE ROWS;
            TRUNCATE slot_outcome;
            """);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY slot_outcome (company_unique_id, slot_type, status, attempts, person_unique_id, backfill_attempt, candidate_count, is_new, changed, status_changed) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var row in outcomes)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.CompanyId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.SlotType, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Outcome.Status, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Outcome.Attempts, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(row.Outcome.PersonId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(row.Outcome.BackfillAttempt, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(row.CandidateCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(row.IsNew, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(row.Changed, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(row.StatusChanged, NpgsqlDbType.Boolean, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Temp tables are never auto-analyzed: without this the planner guesses ~150 rows for 60,000.
        await ExecuteAsync(connection, transaction, "ANALYZE slot_outcome");

        const string upsertSlots = """
            WITH written AS (
                INSERT INTO marketing.company_slot AS s
                       (company_unique_id, slot_type, person_unique_id, is_filled, status, enrichment_attempts, candidate_count,
                        attempts_since, filled_at, last_changed_by_run_id, created_at, updated_at)
                SELECT company_unique_id, slot_type, person_unique_id, status = 'filled', status, attempts, candidate_count,
                       CASE WHEN status = 'filled' THEN now() ELSE '-infinity'::timestamptz END,
                       CASE WHEN status = 'filled' THEN now() END, @run, now(), now()
                  FROM slot_outcome WHERE changed
                ON CONFLICT (company_unique_id, slot_type) DO UPDATE SET
                       person_unique_id = EXCLUDED.person_unique_id,
                       is_filled = EXCLUDED.is_filled,
                       status = EXCLUDED.status,
                       enrichment_attempts = EXCLUDED.enrichment_attempts,
                       candidate_count = EXCLUDED.candidate_count,
                       -- rounds count from the moment a slot was last filled
                       attempts_since = CASE WHEN EXCLUDED.status = 'filled' AND s.status <> 'filled' THEN now() ELSE s.attempts_since END,
                       filled_at = CASE WHEN EXCLUDED.status = 'filled' AND s.status <> 'filled' THEN now() WHEN EXCLUDED.status <> 'filled' THEN NULL ELSE s.filled_at END,
                       last_changed_by_run_id = EXCLUDED.last_changed_by_run_id,
                       updated_at = now()
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
            """;
        await using (var upsert = new NpgsqlCommand(upsertSlots, connection, transaction))
        {
            upsert.Parameters.AddWithValue("run", (object?)runId ?? DBNull.Value);
            await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            tally.SlotsCreated += reader.GetInt64(0);
            tally.SlotsUpdated += reader.GetInt64(1);
        }

        await using (var history = new NpgsqlCommand(
            """
            INSERT INTO marketing.company_slot_history (company_unique_id, slot_type, status, person_unique_id, enrichment_attempts, run_id, changed_at)
            SELECT company_unique_id, slot_type, status, person_unique_id, attempts, @run, now() FROM slot_outcome WHERE status_changed
            """,
            connection,
            transaction))
        {
            history.Parameters.AddWithValue("run", (object?)runId ?? DBNull.Value);
            await history.ExecuteNonQueryAsync(cancellationToken);
        }

        // Exactly one pending request per open slot (the seed's partial unique index), and one routing task per round.
        var requestSql = $"""
            INSERT INTO intake.people_raw_intake (company_unique_id, company_name, source_system, slot_type, backfill_source, enrichment_attempt, validated, created_at)
            SELECT o.company_unique_id, c.company_name, '{PersonIntake.SlotBackfillSource}', o.slot_type, 'slot_evaluation', o.backfill_attempt, FALSE, now()
              FROM slot_outcome o JOIN marketing.company_master c USING (company_unique_id)
             WHERE o.backfill_attempt IS NOT NULL AND c.company_unique_id BETWEEN @lo AND @hi
            ON CONFLICT (company_unique_id, slot_type) WHERE source_system = 'slot_backfill' AND validated = FALSE
            DO UPDATE SET enrichment_attempt = EXCLUDED.enrichment_attempt, updated_at = now()
             WHERE people_raw_intake.enrichment_attempt IS DISTINCT FROM EXCLUDED.enrichment_attempt;

            WITH queued AS (
                INSERT INTO public.agent_routing_log (record_type, record_id, garage_bay, agent_name, routing_reason, routed_at, status, company_unique_id, slot_type, enrichment_attempt)
                SELECT '{AgentRoutingTask.SlotBackfillRecordType}', i.id::text, '{AgentRoutingTask.MissingPersonBay}', '{AgentRoutingTask.EnrichmentAgent}',
                       'slot_backfill_' || o.slot_type || '_attempt_' || o.backfill_attempt, now(), 'queued', o.company_unique_id, o.slot_type, o.backfill_attempt
                  FROM slot_outcome o
                  JOIN intake.people_raw_intake i ON i.company_unique_id = o.company_unique_id AND i.slot_type = o.slot_type
                                                  AND i.source_system = 'slot_backfill' AND NOT i.validated
                 WHERE o.backfill_attempt IS NOT NULL AND i.company_unique_id BETWEEN @lo AND @hi
                ON CONFLICT (company_unique_id, slot_type, enrichment_attempt) WHERE record_type = 'person_slot_backfill' DO NOTHING
                RETURNING 1)
            SELECT count(*) FROM queued;
            """;
        await using (var requests = new NpgsqlCommand(requestSql, connection, transaction))
        {
            requests.Parameters.AddWithValue("lo", outcomes[0].CompanyId);
            requests.Parameters.AddWithValue("hi", outcomes[^1].CompanyId);
            tally.BackfillTriggered += (long)(await requests.ExecuteScalarAsync(cancellationToken))!;
        }

        // A slot that no longer needs a person stops its queued search.
        await using (var cancel = new NpgsqlCommand("""
            UPDATE public.agent_routing_log r SET status = 'cancelled', completed_at = now(), result = 'slot_no_longer_open'
              FROM slot_outcome o
             WHERE o.backfill_attempt IS NULL AND r.record_type = 'person_slot_backfill' AND r.status = 'queued'
               AND r.company_unique_id = o.company_unique_id AND r.slot_type = o.slot_type
               AND r.company_unique_id BETWEEN @lo AND @hi
            """, connection, transaction))
        {
            cancel.Parameters.AddWithValue("lo", outcomes[0].CompanyId);
            cancel.Parameters.AddWithValue("hi", outcomes[^1].CompanyId);
            await cancel.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<Dictionary<string, double>> TableFillRatesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var rates = new Dictionary<string, double>();
        await using var command = new NpgsqlCommand(
            // The counter table the slot triggers keep (also inside a dry run's transaction), not a scan of every slot.
            "SELECT coalesce(slot_type, 'overall'), sum(slots) FILTER (WHERE status = 'filled'), sum(slots) FROM marketing.company_slot_count GROUP BY ROLLUP (slot_type)",
            connection,
            transaction);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            long Sum(int i) => reader.IsDBNull(i) ? 0 : (long)reader.GetDecimal(i);
            rates[reader.GetString(0)] = Rate(Sum(1), Sum(2));
        }

        return rates;
    }

    internal static double Rate(long filled, long total) => total == 0 ? 0 : Math.Round(100.0 * filled / total, 1);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record SlotFactsRow(string CompanyId, string CompanyName, string SlotType, SlotFacts Facts, int StoredCandidateCount);

    private sealed record SlotOutcomeRow(string CompanyId, string SlotType, SlotOutcome Outcome, int CandidateCount, bool IsNew, bool Changed, bool StatusChanged);

    /// <summary>Counts across batches.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, (long Filled, long Total)> perType = SlotTypeNames.All.ToDictionary(t => t, _ => (0L, 0L));

        public long SlotsCreated { get; set; }

        public long SlotsUpdated { get; set; }

        public long BackfillTriggered { get; set; }

        public long CompoundMatches { get; set; }

        private long filled, open, closed, multiple;

        public void Count(SlotOutcome outcome, string slotType, int candidates)
        {
            var (f, t) = perType[slotType];
            perType[slotType] = (f + (outcome.IsFilled ? 1 : 0), t + 1);
            switch (outcome.Status)
            {
                case SlotStatus.Filled: filled++; break;
                case SlotStatus.Open: open++; break;
                default: closed++; break;
            }

            multiple += candidates > 1 ? 1 : 0;
        }

        public void CopyTo(SlotEvaluationSummary summary, long companies)
        {
            summary.CompaniesProcessed = companies;
            summary.SlotsCreated = SlotsCreated;
            summary.SlotsUpdated = SlotsUpdated;
            summary.SlotsFilled = filled;
            summary.SlotsOpen = open;
            summary.SlotsClosedMissing = closed;
            summary.CompoundMatches = CompoundMatches;
            summary.MultipleCandidates = multiple;
            summary.BackfillTriggered = BackfillTriggered;
            summary.FillRate["overall"] = Rate(filled, filled + open + closed);
            foreach (var (type, (f, t)) in perType)
            {
                summary.FillRate[type] = Rate(f, t);
            }
        }
    }
}

public sealed class SlotEvaluationOptions
{
    public bool DryRun { get; set; }

    /// <summary>Evaluate every company, ignoring the watermark.</summary>
    public bool Full { get; set; }

    public int MaxAttempts { get; set; } = SlotRules.DefaultMaxAttempts;
}
