using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Records;

namespace Portal.Jobs.Backfill;

public sealed partial class LegacyBackfillImporter
{

    /// <summary>
    /// Writes a decided batch. What only appends (the log, missing parts, BIT snapshots and signals) is copied straight
    /// into its table with binary COPY; what must merge with existing rows (companies, people, updates guarded by
    /// locks, talent-flow baselines) goes through a temporary table and one set-based statement each. Every row's log
    /// entry is new: the batch commits together with its checkpoint, so a resumed import never logs a row twice (and
    /// the unique index on import and row number would fail the batch rather than keep a second entry).
    /// </summary>
    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ImportContext context, List<BackfillRowWork> work, CancellationToken cancellationToken)
    {
        await WriteAsync(connection, transaction, context, work, context.Batch, cancellationToken);
        CountWritten(context.Summary, context.Batch);
    }

    /// <summary>Counts the baselines of a batch once it is written.</summary>
    private static void CountWritten(BackfillImportSummary summary, BatchState batch)
    {
        summary.BitBaselines += batch.Baselines.Count;
        summary.BitSignals += batch.Baselines.Sum(b => b.Bit.Signals.Count);
        summary.TalentFlowBaselines += batch.Baselines.Select(b => b.PersonId).Distinct().Count();
    }

    /// <summary>
    /// Writes a decided batch without touching the import's summary or current batch, so that it can run on a second
    /// connection while the next batch is decided (see <see cref="CountWritten"/>).
    /// </summary>
    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ImportContext context, List<BackfillRowWork> work, BatchState batch, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "TRUNCATE bf_company, bf_person, bf_update, bf_tf", cancellationToken);

        await CopyAsync(connection, "COPY bf_company (id, name, domain, website) FROM STDIN (FORMAT BINARY)", batch.NewCompanies, async (w, c) =>
        {
            await Text(w, c.Id, cancellationToken);
            await Text(w, c.Name, cancellationToken);
            await Text(w, c.Domain, cancellationToken);
            await Text(w, c.Website, cancellationToken);
        }, cancellationToken);

        await CopyAsync(connection, $"COPY bf_person (id, company_id, {PersonFieldSql.Columns}) FROM STDIN (FORMAT BINARY)", batch.NewPeople, async (w, p) =>
        {
            await Text(w, p.Id, cancellationToken);
            await Text(w, p.CompanyId, cancellationToken);
            foreach (var field in PersonFields.All)
            {
                await Text(w, p.Values.Get(field), cancellationToken);
            }
        }, cancellationToken);

        await CopyAsync(connection, $"COPY bf_update (id, {PersonFieldSql.ChangeColumns}) FROM STDIN (FORMAT BINARY)", batch.Updates.Values, async (w, u) =>
        {
            await Text(w, u.Id, cancellationToken);
            foreach (var field in PersonFields.All)
            {
                await w.WriteAsync(u.Changes(field), NpgsqlDbType.Boolean, cancellationToken);
                await Text(w, u.From(field), cancellationToken);
                await Text(w, u.To(field), cancellationToken);
            }
        }, cancellationToken);

        var bitRows = batch.Baselines.Select((b, i) => (Seq: i, Work: b)).ToList();
        await CopyAsync(connection, "COPY bf_tf (seq, person_id, hash, snapshot, metadata) FROM STDIN (FORMAT BINARY)", bitRows, async (w, b) =>
        {
            await w.WriteAsync(b.Seq, NpgsqlDbType.Integer, cancellationToken);
            await Text(w, b.Work.PersonId, cancellationToken);
            await Text(w, b.Work.TalentFlowHash, cancellationToken);
            await Json(w, b.Work.TalentFlowSnapshot, cancellationToken);
            await Json(w, Metadata(context, b.Work.Row), cancellationToken);
        }, cancellationToken);

        // The people an update may not touch are guarded here again, not only when deciding: a field locked by a
        // person between the read and this statement stays untouched.
        await ExecuteAsync(connection, transaction, """
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain, website_url)
            SELECT id, name, domain, website FROM bf_company
            ON CONFLICT (company_unique_id) DO NOTHING
            """, cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            INSERT INTO marketing.people_master (unique_id, company_unique_id, {PersonFieldSql.Columns}, source_system)
            SELECT id, company_id, {PersonFieldSql.Columns}, '{SourceSystem}' FROM bf_person
            ON CONFLICT (unique_id) DO NOTHING
            """, cancellationToken);
        await ExecuteAsync(connection, transaction, $"""
            UPDATE marketing.people_master p SET {PersonFieldSql.GuardedSets("u")}, updated_at = now()
              FROM bf_update u WHERE p.unique_id = u.id
            """, cancellationToken);
        // A person's talent-flow baseline is the first one taken: a later import never replaces it (and a revert removes only its own).
        await ExecuteAsync(connection, transaction, """
            INSERT INTO public.talent_flow_baseline (person_unique_id, enrichment_hash, snapshot_data, baseline_date, source, metadata)
            SELECT DISTINCT ON (person_id) person_id, hash, snapshot, current_date, 'backfill_agent', metadata
              FROM bf_tf ORDER BY person_id, seq
            ON CONFLICT (person_unique_id) DO NOTHING
            """, cancellationToken);

        // Serializing the actions is CPU work independent per row: spread it over the cores before streaming the rows.
        var actions = new string[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => actions[i] = work[i].Actions.ToJsonString());
        if (context.Review is null)
        {
            await CopyAsync(connection, "COPY public.backfill_log (id, import_id, row_number, source_row_hash, source_data, match_type, match_confidence, matched_company_id, matched_person_id, resolution_status, actions_taken, error_message, notes, worker_id, process_id) FROM STDIN (FORMAT BINARY)", work.Select((r, i) => (Work: r, Actions: actions[i])), async (w, row) =>
            {
                var r = row.Work;
                await w.WriteAsync(r.LogId, NpgsqlDbType.Uuid, cancellationToken);
                await w.WriteAsync(context.ImportId, NpgsqlDbType.Bigint, cancellationToken);
                await w.WriteAsync(r.Source.RowNumber, NpgsqlDbType.Integer, cancellationToken);
                await Text(w, r.Hash, cancellationToken);
                await Json(w, r.Prepared.SourceData, cancellationToken);
                await Text(w, r.MatchType, cancellationToken);
                await Confidence(w, r.Confidence, cancellationToken);
                await Text(w, r.CompanyId, cancellationToken);
                await Text(w, r.PersonId, cancellationToken);
                await Text(w, r.Status, cancellationToken);
                await Json(w, row.Actions, cancellationToken);
                await Text(w, r.Error, cancellationToken);
                await Text(w, r.Normalized?.Notes ?? r.Source.Warning, cancellationToken);
                await Text(w, context.WorkerId, cancellationToken);
                await Text(w, context.ProcessId, cancellationToken);
            }, cancellationToken);

            await CopyAsync(connection, "COPY garage.missing_parts (source, issue_type, source_data, match_attempts, confidence_score, import_id, backfill_log_id) FROM STDIN (FORMAT BINARY)", work.Where(r => r.Status == ResolutionStatus.Unresolved), async (w, r) =>
            {
                await Text(w, MissingPartSource, cancellationToken);
                await Text(w, LowConfidenceMatch, cancellationToken);
                await Json(w, r.Prepared.SourceData, cancellationToken);
                await Json(w, r.MatchAttempts, cancellationToken);
                await Confidence(w, r.Confidence, cancellationToken);
                await w.WriteAsync(context.ImportId, NpgsqlDbType.Bigint, cancellationToken);
                await w.WriteAsync(r.LogId, NpgsqlDbType.Uuid, cancellationToken);
            }, cancellationToken);
        }
        else
        {
            await UpdateReviewedRowAsync(connection, transaction, work[0], actions[0], cancellationToken);
        }

        await CopyAsync(connection, "COPY public.bit_baseline_snapshot (person_unique_id, company_unique_id, historical_open_count, historical_reply_count, historical_meeting_count, last_engaged_at, baseline_score, baseline_tier, signals_generated, source, metadata, import_id) FROM STDIN (FORMAT BINARY)", batch.Baselines, async (w, b) =>
        {
            var row = b.Row.Normalized!;
            await Text(w, b.PersonId, cancellationToken);
            await Text(w, b.CompanyId, cancellationToken);
            await w.WriteAsync(row.HistoricalOpenCount ?? 0, NpgsqlDbType.Integer, cancellationToken);
            await w.WriteAsync(row.HistoricalReplyCount ?? 0, NpgsqlDbType.Integer, cancellationToken);
            await w.WriteAsync(row.HistoricalMeetingCount ?? 0, NpgsqlDbType.Integer, cancellationToken);
            if (row.LastEngagedAt is { } engaged)
            {
                await w.WriteAsync(engaged.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            }
            else
            {
                await w.WriteNullAsync(cancellationToken);
            }

            await w.WriteAsync(b.Bit.Score, NpgsqlDbType.Integer, cancellationToken);
            await Text(w, b.Bit.Tier, cancellationToken);
            await w.WriteAsync(b.Bit.Signals.Count, NpgsqlDbType.Integer, cancellationToken);
            await Text(w, "backfill_agent", cancellationToken);
            await Json(w, Metadata(context, b.Row), cancellationToken);
            await w.WriteAsync(context.ImportId, NpgsqlDbType.Bigint, cancellationToken);
        }, cancellationToken);

        var signals = batch.Baselines.SelectMany(b => b.Bit.Signals.Select(s => (Work: b, Signal: s))).ToList();
        await CopyAsync(connection, "COPY public.bit_signal (person_unique_id, company_unique_id, signal_type, source_type, signal_count, points, scored, metadata) FROM STDIN (FORMAT BINARY)", signals, async (w, s) =>
        {
            await Text(w, s.Work.PersonId, cancellationToken);
            await Text(w, s.Work.CompanyId, cancellationToken);
            await Text(w, s.Signal.SignalType, cancellationToken);
            await Text(w, BitBaseline.SourceType, cancellationToken);
            await w.WriteAsync(s.Signal.Count, NpgsqlDbType.Integer, cancellationToken);
            await w.WriteAsync(s.Signal.Points, NpgsqlDbType.Integer, cancellationToken);
            await w.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await Json(w, Metadata(context, s.Work.Row), cancellationToken);
        }, cancellationToken);

    }

    private static string Metadata(ImportContext context, BackfillRowWork row) =>
        $$"""{"import_id":{{context.ImportId}},"row_number":{{row.Source.RowNumber}},"backfill_log_id":"{{row.LogId}}"}""";

    /// <summary>The row as read: header → cell, or the raw text of a record that could not be split into cells.</summary>
    private static string SourceData(LegacyCsvRow row)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("row_number", row.RowNumber);
            if (row.Row is null)
            {
                json.WriteStartArray("cells");
                foreach (var cell in row.Cells)
                {
                    json.WriteStringValue(Clean(cell));
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteStartObject("row");
                WriteCell(json, LegacyColumns.CompanyName, row.Row.CompanyName);
                WriteCell(json, LegacyColumns.CompanyDomain, row.Row.CompanyDomain);
                WriteCell(json, LegacyColumns.CompanyWebsite, row.Row.CompanyWebsite);
                WriteCell(json, LegacyColumns.FullName, row.Row.FullName);
                WriteCell(json, LegacyColumns.FirstName, row.Row.FirstName);
                WriteCell(json, LegacyColumns.LastName, row.Row.LastName);
                WriteCell(json, LegacyColumns.Title, row.Row.Title);
                WriteCell(json, LegacyColumns.Email, row.Row.Email);
                WriteCell(json, LegacyColumns.Phone, row.Row.Phone);
                WriteCell(json, LegacyColumns.LinkedInUrl, row.Row.LinkedInUrl);
                WriteCell(json, LegacyColumns.HistoricalOpenCount, row.Row.HistoricalOpenCount);
                WriteCell(json, LegacyColumns.HistoricalReplyCount, row.Row.HistoricalReplyCount);
                WriteCell(json, LegacyColumns.HistoricalMeetingCount, row.Row.HistoricalMeetingCount);
                WriteCell(json, LegacyColumns.LastEngagedAt, row.Row.LastEngagedAt);
                WriteCell(json, LegacyColumns.Notes, row.Row.Notes);
                json.WriteEndObject();
                json.WriteStartArray("cells");
                foreach (var cell in row.Cells)
                {
                    json.WriteStringValue(Clean(cell));
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteCell(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, Clean(value));
        }
    }

    /// <summary>PostgreSQL text and jsonb cannot hold U+0000.</summary>
    private static string? Clean(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal) ? value.Replace('\0', '\uFFFD') : value;

    private static Task Text(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(Clean(value)!, NpgsqlDbType.Text, cancellationToken);

    private static Task Confidence(NpgsqlBinaryImporter writer, double? confidence, CancellationToken cancellationToken) =>
        confidence is { } value ? writer.WriteAsync(Math.Round((decimal)value, 3), NpgsqlDbType.Numeric, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task Json(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value.Replace("\\u0000", "\\uFFFD", StringComparison.Ordinal), NpgsqlDbType.Jsonb, cancellationToken);

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await write(writer, row);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A resolved review item's row is logged already: its log row (and review item, when it waits again) take the new decision.</summary>
    private static async Task UpdateReviewedRowAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, BackfillRowWork row, string actions, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE public.backfill_log SET match_type = @match_type, match_confidence = @confidence, matched_company_id = @company,
                   matched_person_id = @person, resolution_status = @status, actions_taken = @actions::jsonb, error_message = @error
             WHERE id = @id;
            UPDATE garage.missing_parts SET match_attempts = @attempts::jsonb, confidence_score = @confidence
             WHERE backfill_log_id = @id AND @status = '{ResolutionStatus.Unresolved}';
            """, connection, transaction);
        command.Parameters.AddWithValue("id", row.LogId);
        command.Parameters.AddWithValue("match_type", (object?)row.MatchType ?? DBNull.Value);
        command.Parameters.Add(new NpgsqlParameter<decimal?>("confidence", NpgsqlDbType.Numeric) { TypedValue = row.Confidence is { } c ? Math.Round((decimal)c, 3) : null });
        command.Parameters.AddWithValue("company", (object?)row.CompanyId ?? DBNull.Value);
        command.Parameters.AddWithValue("person", (object?)row.PersonId ?? DBNull.Value);
        command.Parameters.AddWithValue("status", row.Status);
        command.Parameters.AddWithValue("actions", actions);
        command.Parameters.AddWithValue("error", (object?)row.Error ?? DBNull.Value);
        command.Parameters.AddWithValue("attempts", (object?)row.MatchAttempts ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
