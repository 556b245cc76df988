using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Backfill.Records;
using Portal.Domain.Csv;
using Portal.Domain.Identity;
using Portal.Domain.Persistence;
using Portal.Domain.Runs;
using Portal.Jobs.Backfill;
using Portal.Jobs.Configuration;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;

namespace Portal.Backfills;

/// <summary>
/// Legacy CSV imports: stores an upload (streamed, size-limited, hashed), previews and validates it, lets the
/// operator correct the header mapping, starts the import job (or a dry run) and reads an import's runs and
/// per-row outcomes. Every change is audited.
/// </summary>
public sealed class BackfillService(
    NpgsqlDataSource dataSource,
    IOptions<BackfillUploadOptions> uploads,
    ConfigStore config,
    JobTriggerService triggers,
    LegacyBackfillImporter importer,
    BackfillImportStore imports,
    AuditWriter audit)
{
    public const int PreviewRows = 20;

    public long MaxUploadBytes => uploads.Value.MaxUploadBytes;

    /// <summary>Stores the file as a new import (nothing is imported yet) and returns its id.</summary>
    /// <exception cref="UploadRejectedException">Empty, too large, or not a CSV file name.</exception>
    public async Task<long> UploadAsync(ClaimsPrincipal actor, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName ?? "");
        if (name.Length == 0)
        {
            throw new UploadRejectedException("The upload has no file name.");
        }

        UploadedFile.EnsureDirectory(uploads.Value.UploadDirectory);
        var temporary = Path.Combine(uploads.Value.UploadDirectory, $"upload-{Guid.NewGuid():N}.part");
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = UploadedFile.Create(temporary))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > MaxUploadBytes)
                    {
                        throw new UploadRejectedException($"The file is larger than the upload limit of {MaxUploadBytes:N0} bytes.", tooLarge: true);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                throw new UploadRejectedException("The file is empty.");
            }

            var fileHash = Convert.ToHexStringLower(hash.GetHashAndReset());
            var id = await imports.RegisterAsync(name, fileHash, size, AuditWriter.ActorName(actor), cancellationToken);
            File.Move(temporary, uploads.Value.UploadPath(id), overwrite: true);
            await audit.WriteAsync(actor, AuditActions.BackfillUploaded, "backfill_import", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { fileName = name, size, sha256 = fileHash }, cancellationToken: cancellationToken);
            return id;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// The header mapping, the first rows normalized with the current rules, and the check of the whole file (every
    /// problem counted, with examples); null when there is no such upload.
    /// </summary>
    /// <exception cref="UploadedFileChangedException">The stored file is not the one uploaded.</exception>
    public async Task<LegacyCsvPreview?> PreviewAsync(long importId, CancellationToken cancellationToken = default)
    {
        if (await VerifiedAsync(importId, cancellationToken) is not var (import, path))
        {
            return null;
        }

        var rules = await config.GetCurrentAsync(Domain.Configuration.ConfigKinds.NormalizationRules, NormalizationRules.Default, cancellationToken);
        var limits = uploads.Value.Limits;
        // Reading a whole file is long synchronous work: off the caller's thread (a Blazor circuit, a request).
        return await Task.Run(
            () =>
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                return LegacyCsvReader.Preview(file, PreviewRows, new RowNormalizer(rules.Value), import.ColumnMap, limits, cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>The import and its stored file, checked against the SHA-256 taken at upload; null when either is missing.</summary>
    /// <exception cref="UploadedFileChangedException">The stored file is not the one uploaded.</exception>
    private async Task<(StoredImport Import, string Path)?> VerifiedAsync(long importId, CancellationToken cancellationToken)
    {
        var import = await FindAsync(importId, cancellationToken);
        var path = uploads.Value.UploadPath(importId);
        if (import is null || !File.Exists(path))
        {
            return null;
        }

        await UploadedFile.VerifyAsync(path, import.FileHash, cancellationToken);
        return (import, path);
    }

    /// <summary>Replaces the operator's header corrections; only before the import has written anything.</summary>
    /// <returns>Null when saved, else why not.</returns>
    public async Task<string?> SetColumnMapAsync(ClaimsPrincipal actor, long importId, IReadOnlyDictionary<string, string> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var unknown = map.Values.Where(v => v.Length > 0 && !LegacyColumns.All.Contains(v)).ToList();
        if (unknown.Count > 0)
        {
            return $"Unknown column(s): {string.Join(", ", unknown)}. Columns: {string.Join(", ", LegacyColumns.All)}.";
        }

        var duplicated = map.Values.Where(v => v.Length > 0).GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicated.Count > 0)
        {
            return $"Each column can be chosen once: {string.Join(", ", duplicated)} is chosen twice.";
        }

        if (!await imports.SetColumnMapAsync(importId, JsonSerializer.Serialize(map), cancellationToken))
        {
            return "The mapping can only change before the import has started writing.";
        }

        await audit.WriteAsync(actor, AuditActions.BackfillColumnsMapped, "backfill_import", Id(importId), map, cancellationToken: cancellationToken);
        return null;
    }

    /// <summary>Starts (or resumes) the import job for an upload; a dry run writes nothing but its run record.</summary>
    /// <exception cref="JobAlreadyActiveException">An import is already running (imports run one at a time).</exception>
    /// <exception cref="UploadRejectedException">No such import or the header lacks a required column.</exception>
    /// <exception cref="UploadedFileChangedException">The stored file is not the one uploaded.</exception>
    public async Task<long> StartAsync(ClaimsPrincipal actor, long importId, bool dryRun, string source, CancellationToken cancellationToken = default)
    {
        var (import, path) = await VerifiedAsync(importId, cancellationToken) ?? throw new UploadRejectedException($"There is no stored upload for import {importId}.");
        if (import.RevertedAt is not null)
        {
            throw new UploadRejectedException($"Import {importId} was reverted; upload the file again to import it anew.");
        }

        IReadOnlyList<string> missing;
        await using (var file = File.OpenRead(path))
        {
            using var reader = new LegacyCsvReader(file, columnMap: import.ColumnMap, limits: uploads.Value.Limits);
            missing = reader.Header.MissingRequired;
        }

        if (missing.Count > 0)
        {
            throw new UploadRejectedException($"Map the required column(s) {string.Join(", ", missing)} first.");
        }

        var by = AuditWriter.ActorName(actor);
        var runId = await triggers.TriggerAsync(
            new TriggerRequest(ImportLegacyBackfillJob.Name, source, by, JsonSerializer.Serialize(new { importId }), dryRun), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.BackfillStarted, "backfill_import", Id(importId), new { runId, dryRun, source }, cancellationToken: cancellationToken);
        return runId;
    }

    /// <summary>Reverts an import: restores the fields it changed and removes what it created, skipping what people changed since. Operator.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not (any longer) an Operator.</exception>
    /// <exception cref="KeyNotFoundException">No such import.</exception>
    /// <exception cref="RevertConflictException">Already reverted, or still running.</exception>
    public async Task<RevertOutcome> RevertAsync(ClaimsPrincipal actor, long importId, CancellationToken cancellationToken = default)
    {
        RequireOperator(actor, "Reverting an import");
        var outcome = await importer.RevertAsync(importId, AuditWriter.ActorName(actor), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.BackfillReverted, "backfill_import", Id(importId), new
        {
            outcome.FieldsRestored, outcome.PeopleRemoved, outcome.CompaniesRemoved, outcome.BaselinesRemoved, outcome.ReviewItemsClosed,
            skipped = outcome.Skipped.Count,
        }, cancellationToken: cancellationToken);
        return outcome;
    }

    /// <summary>Takes a value the merge policy refused for a row: the person's field gets it as a hand correction. Operator, audited.</summary>
    /// <exception cref="UnauthorizedAccessException">The caller is not (any longer) an Operator.</exception>
    /// <exception cref="KeyNotFoundException">No such row or refused value.</exception>
    /// <exception cref="ConflictRefusedException">Taken already, or the field changed or was locked since.</exception>
    public async Task<ConflictTaken> TakeConflictAsync(ClaimsPrincipal actor, long importId, int rowNumber, string field, CancellationToken cancellationToken = default)
    {
        RequireOperator(actor, "Taking a refused value");
        var taken = await importer.TakeConflictAsync(importId, rowNumber, field, AuditWriter.ActorName(actor), cancellationToken);
        await audit.WriteAsync(actor, AuditActions.BackfillConflictTaken, "person", taken.PersonId,
            new { importId, rowNumber, taken.Field, taken.From, taken.To }, cancellationToken: cancellationToken);
        return taken;
    }

    /// <summary>The service checks the caller's role again behind every action, whatever the page or route allowed.</summary>
    private static void RequireOperator(ClaimsPrincipal actor, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Roles.AtLeast(Roles.Operator).Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException($"{what} needs the Operator role.");
        }
    }

    public async Task<Page<BackfillImportRow>> ListAsync(ImportListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = (query.SortBy, query.Descending) switch
        {
            ("FileName", false) => "i.file_name, i.id",
            ("FileName", true) => "i.file_name DESC, i.id DESC",
            ("FileSize", false) => "i.file_size, i.id",
            ("FileSize", true) => "i.file_size DESC, i.id DESC",
            ("CreatedBy", false) => "i.created_by, i.id",
            ("CreatedBy", true) => "i.created_by DESC, i.id DESC",
            (_, false) => "i.id",
            _ => "i.id DESC",
        };
        var sql = $"""
            SELECT count(*) OVER (), i.id, i.file_name, i.file_size, i.row_count, i.checkpoint, i.created_by, i.created_at,
                   r.id, r.status, r.dry_run, r.done, r.total,
                   (SELECT count(*) FROM garage.missing_parts m WHERE m.import_id = i.id AND NOT m.resolved)
              FROM ops.backfill_import i
              LEFT JOIN LATERAL (SELECT id, status, dry_run, done, total FROM ops.job_run
                                  WHERE job_name = @job AND parameters ->> 'importId' = i.id::text
                                  ORDER BY id DESC LIMIT 1) r ON true
             WHERE (@q = '' OR i.file_name ILIKE '%' || @q || '%' OR i.created_by ILIKE '%' || @q || '%')
             ORDER BY {order}
             LIMIT @take OFFSET @skip
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("job", ImportLegacyBackfillJob.Name);
        command.Parameters.AddWithValue("q", query.Search?.Trim() ?? "");
        command.Parameters.AddWithValue("take", Math.Clamp(query.Take, 1, 200));
        command.Parameters.AddWithValue("skip", Math.Max(query.Skip, 0));
        var rows = new List<BackfillImportRow>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = (int)reader.GetInt64(0);
            rows.Add(new BackfillImportRow(
                reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt32(5),
                reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetInt64(8), reader.IsDBNull(9) ? null : RunStatusExtensions.ParseDb(reader.GetString(9)),
                !reader.IsDBNull(10) && reader.GetBoolean(10), reader.IsDBNull(11) ? 0 : reader.GetInt64(11), reader.IsDBNull(12) ? null : reader.GetInt64(12),
                reader.GetInt64(13)));
        }

        return new Page<BackfillImportRow>(rows, total);
    }

    public async Task<BackfillImportDetail?> GetAsync(long importId, CancellationToken cancellationToken = default)
    {
        var import = await FindAsync(importId, cancellationToken);
        if (import is null)
        {
            return null;
        }

        var runs = new List<BackfillRunRow>();
        await using (var command = dataSource.CreateCommand("""
            SELECT id, status, dry_run, done, total, summary::text, triggered_by, queued_at, started_at, finished_at, message, error
              FROM ops.job_run WHERE job_name = @job AND parameters ->> 'importId' = @id ORDER BY id DESC LIMIT 50
            """))
        {
            command.Parameters.AddWithValue("job", ImportLegacyBackfillJob.Name);
            command.Parameters.AddWithValue("id", Id(importId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                DateTimeOffset? Time(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
                runs.Add(new BackfillRunRow(
                    reader.GetInt64(0), RunStatusExtensions.ParseDb(reader.GetString(1)), reader.GetBoolean(2), reader.GetInt64(3),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4),
                    Text(5) is { } summary ? JsonSerializer.Deserialize<BackfillImportSummary>(summary, SummaryJson) : null,
                    Text(6), reader.GetFieldValue<DateTimeOffset>(7), Time(8), Time(9), Text(10), Text(11)));
            }
        }

        var outcomes = ResolutionStatus.All.ToDictionary(s => s, _ => 0L);
        await using (var command = dataSource.CreateCommand("SELECT resolution_status, count(*) FROM public.backfill_log WHERE import_id = @id GROUP BY 1"))
        {
            command.Parameters.AddWithValue("id", importId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                outcomes[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        return new BackfillImportDetail(import, runs, outcomes);
    }

    /// <summary>The per-row outcomes of an import: filtered by outcome and text, sorted and paged in the database.</summary>
    public async Task<Page<BackfillOutcomeRow>> OutcomesAsync(long importId, OutcomeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var order = (query.SortBy, query.Descending) switch
        {
            ("Status", false) => "resolution_status, row_number",
            ("Status", true) => "resolution_status DESC, row_number",
            ("Confidence", false) => "match_confidence NULLS FIRST, row_number",
            ("Confidence", true) => "match_confidence DESC NULLS LAST, row_number",
            ("MatchType", false) => "match_type, row_number",
            ("MatchType", true) => "match_type DESC, row_number",
            (_, true) => "row_number DESC",
            _ => "row_number",
        };
        var sql = $"""
            SELECT count(*) OVER (), row_number, resolution_status, match_type, match_confidence, matched_company_id, matched_person_id,
                   source_data -> 'row' ->> 'company_name', source_data -> 'row' ->> 'full_name', error_message, actions_taken::text,
                   (actions_taken -> 'changes')::text, (actions_taken -> 'conflicts')::text, (actions_taken -> 'flags')::text
              FROM public.backfill_log
             WHERE import_id = @id AND (@status = '' OR resolution_status = @status)
               AND (@q = '' OR source_data::text ILIKE '%' || @q || '%' OR coalesce(error_message, '') ILIKE '%' || @q || '%')
             ORDER BY {order}
             LIMIT @take OFFSET @skip
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("status", query.Status ?? "");
        command.Parameters.AddWithValue("q", query.Search?.Trim() ?? "");
        command.Parameters.AddWithValue("take", Math.Clamp(query.Take, 1, 500));
        command.Parameters.AddWithValue("skip", Math.Max(query.Skip, 0));
        var rows = new List<BackfillOutcomeRow>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            total = (int)reader.GetInt64(0);
            rows.Add(new BackfillOutcomeRow(
                reader.GetInt32(1), reader.GetString(2), Text(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4), Text(5), Text(6),
                Text(7), Text(8), Text(9), Text(10),
                Text(11) is { } changes ? JsonSerializer.Deserialize<List<FieldChange>>(changes, MergeLogJson.Options)! : [],
                Text(12) is { } conflicts ? JsonSerializer.Deserialize<List<FieldConflict>>(conflicts, MergeLogJson.Options)! : [],
                Text(13) is { } flags ? JsonSerializer.Deserialize<List<LegacyCellFlag>>(flags, MergeLogJson.Options)! : []));
        }

        return new Page<BackfillOutcomeRow>(rows, total);
    }

    /// <summary>
    /// Writes the rows with the given outcomes as CSV: row number, outcome, error, match, then the row's cells. Cells
    /// that a spreadsheet would run as a formula are neutralized.
    /// </summary>
    public async Task ExportAsync(long importId, IReadOnlyCollection<string> statuses, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true);
        string[] fixedColumns = ["row_number", "outcome", "error", "match_type", "match_confidence", "matched_company_id", "matched_person_id"];
        await writer.WriteAsync(CsvCells.Line([.. fixedColumns, .. LegacyColumns.All]));
        await using var command = dataSource.CreateCommand("""
            SELECT row_number, resolution_status, error_message, match_type, match_confidence::text, matched_company_id, matched_person_id, source_data::text
              FROM public.backfill_log WHERE import_id = @id AND resolution_status = ANY (@statuses) ORDER BY row_number
            """);
        command.Parameters.AddWithValue("id", importId);
        command.Parameters.AddWithValue("statuses", statuses.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var cells = new List<string?>(fixedColumns.Length + LegacyColumns.All.Count)
            {
                reader.GetInt32(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            for (var i = 1; i < 7; i++)
            {
                cells.Add(reader.IsDBNull(i) ? null : reader.GetString(i));
            }

            var source = reader.IsDBNull(7) ? null : JsonDocument.Parse(reader.GetString(7));
            using (source)
            {
                var row = source is not null && source.RootElement.TryGetProperty("row", out var r) ? r : default;
                foreach (var column in LegacyColumns.All)
                {
                    cells.Add(row.ValueKind == JsonValueKind.Object && row.TryGetProperty(column, out var cell) ? cell.GetString() : null);
                }

                if (row.ValueKind != JsonValueKind.Object && source is not null && source.RootElement.TryGetProperty("cells", out var raw))
                {
                    // An unreadable record has no columns: its raw text goes in the first one.
                    cells[fixedColumns.Length] = string.Join(",", raw.EnumerateArray().Select(c => c.GetString()));
                }
            }

            await writer.WriteAsync(CsvCells.Line(cells));
        }
    }

    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);


    private async Task<StoredImport?> FindAsync(long importId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, file_name, file_size, file_hash, row_count, checkpoint, created_by, created_at, column_map::text,
                   reverted_at, reverted_by, revert_summary::text
              FROM ops.backfill_import WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", importId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredImport(
            reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4),
            reader.GetInt32(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8))!,
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<RevertOutcome>(reader.GetString(11), MergeLogJson.Options));
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The upload cannot be stored or started; the message says why.</summary>
public sealed class UploadRejectedException(string message, bool tooLarge = false) : Exception(message)
{
    public bool TooLarge { get; } = tooLarge;
}

public sealed record StoredImport(
    long Id, string FileName, long FileSize, string FileHash, int? RowCount, int Checkpoint, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> ColumnMap, DateTimeOffset? RevertedAt = null, string? RevertedBy = null, RevertOutcome? Revert = null);

public sealed record BackfillImportRow(
    long Id, string FileName, long FileSize, int? RowCount, int Checkpoint, string CreatedBy, DateTimeOffset CreatedAt,
    long? LastRunId, RunStatus? LastRunStatus, bool LastRunDryRun, long Done, long? Total, long OpenReviews);

public sealed record BackfillRunRow(
    long Id, RunStatus Status, bool DryRun, long Done, long? Total, BackfillImportSummary? Summary, string? TriggeredBy,
    DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Message, string? Error);

public sealed record BackfillImportDetail(StoredImport Import, IReadOnlyList<BackfillRunRow> Runs, IReadOnlyDictionary<string, long> Outcomes);

public sealed record BackfillOutcomeRow(
    int RowNumber, string Status, string? MatchType, decimal? Confidence, string? CompanyId, string? PersonId,
    string? CompanyName, string? FullName, string? Error, string? Actions, IReadOnlyList<FieldChange> Changes, IReadOnlyList<FieldConflict> Conflicts,
    IReadOnlyList<LegacyCellFlag> Flags);

public sealed record ImportListQuery(string? Search = null, string? SortBy = null, bool Descending = true, int Skip = 0, int Take = 20);

public sealed record OutcomeQuery(string? Status = null, string? Search = null, string? SortBy = null, bool Descending = false, int Skip = 0, int Take = 50);
