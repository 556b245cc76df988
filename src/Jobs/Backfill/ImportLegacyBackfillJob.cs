using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Jobs.Configuration;
using Portal.Jobs.Runs;
using Quartz;

namespace Portal.Jobs.Backfill;

/// <summary>
/// Imports a stored legacy CSV upload into an existing <c>ops.backfill_import</c> with the current (admin-edited)
/// normalization rules, matching thresholds and BIT scoring; resumes after the import's checkpoint when run again
/// (retry, or recovery after a node stopped), and reports rows done of the file's rows as progress. One import at a
/// time: a second trigger while one is queued or running is refused (the run store's index for exclusive jobs).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ImportLegacyBackfillJob(
    LegacyBackfillImporter importer,
    ConfigStore config,
    BackfillImportStore imports,
    IOptions<BackfillUploadOptions> backfill,
    RunJobServices services)
    : RunJob(services)
{
    public const string Name = "import-legacy-backfill";

    protected override async Task<object?> RunAsync(RunContext run)
    {
        var parameters = run.GetParameters<ImportLegacyBackfillParameters>();
        if (parameters.ImportId <= 0)
        {
            throw new ArgumentException("The importId parameter is required.");
        }

        var path = backfill.Value.UploadPath(parameters.ImportId);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Import {parameters.ImportId} has no stored upload.");
        }

        // The file must be the one uploaded: a file changed on disk since is refused before anything is recorded.
        var hash = await imports.FileHashAsync(parameters.ImportId, run.CancellationToken)
            ?? throw new FileNotFoundException($"Import {parameters.ImportId} has no stored upload.");
        await UploadedFile.VerifyAsync(path, hash, run.CancellationToken);

        var configuration = await ImportConfiguration.CurrentAsync(config, run.CancellationToken);
        // A dry run records nothing on the import; a real one records its run and the configuration versions it used.
        var columnMap = await imports.StartRunAsync(parameters.ImportId, run.RunId, run.DryRun, configuration, run.CancellationToken) is { } map
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(map)
            : null;

        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var summary = await importer.ImportAsync(
            parameters.ImportId,
            file,
            configuration.Options(run.DryRun, parameters.BatchSize is { } size and > 0 ? size : BackfillImportOptions.DefaultBatchSize, columnMap) with { Limits = backfill.Value.Limits },
            (done, total, message, counts) =>
            {
                run.Summary = counts;
                return run.ReportProgressAsync(done, total, message);
            },
            run.CancellationToken);
        await run.ReportProgressAsync(summary.RowsLoaded, summary.RowsLoaded, "Import finished", force: true);
        await run.LogAsync(
            $"{summary.RowsProcessed:N0} rows{(summary.ResumedAfterRow > 0 ? $" after row {summary.ResumedAfterRow:N0}" : "")}: " +
            $"companies {summary.CompaniesMatched:N0} matched / {summary.CompaniesCreated:N0} created; people {summary.PeopleMatched:N0} matched / " +
            $"{summary.PeopleCreated:N0} created / {summary.PeopleUpdated:N0} updated; {summary.Unresolved:N0} unresolved, {summary.LockedFieldSkips:N0} locked-field skips, " +
            $"{summary.Duplicates:N0} duplicates, {summary.Errors:N0} errors{(run.DryRun ? " (dry run, nothing kept)" : "")}.");
        return summary;
    }
}

public sealed class ImportLegacyBackfillParameters
{
    /// <summary>The <c>ops.backfill_import</c> row the upload was registered as.</summary>
    public long ImportId { get; set; }

    /// <summary>Rows per batch (transaction and checkpoint); 20,000 when not given.</summary>
    public int? BatchSize { get; set; }
}
