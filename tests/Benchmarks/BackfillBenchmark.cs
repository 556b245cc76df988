using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Portal.Jobs.Backfill;
using Portal.TestSupport;

namespace Portal.Benchmarks;

/// <summary>
/// The legacy import end to end: a generated messy CSV (<see cref="LegacyCsvGenerator"/>) against existing people
/// and companies seeded with binary COPY. Prints the import's rows per second next to a raw COPY of the same file into
/// a plain table in the same run (the floor), where the time went by statement, and the precision and recall of the
/// person matches against the generator's ground truth. Sizes: BACKFILL_BENCH_ROWS and BACKFILL_BENCH_PEOPLE
/// (1,000,000 each by default; companies are a fifth of the people).
/// </summary>
internal static class BackfillBenchmark
{
    private const double TargetRowsPerSecond = 20_000;
    private const int Seed = 1001;
    private const int ProgressEvery = 100_000;

    public static async Task<bool> RunAsync()
    {
        var rows = Size("BACKFILL_BENCH_ROWS");
        var peopleCount = Size("BACKFILL_BENCH_PEOPLE");
        var wall = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync();
        if (Environment.GetEnvironmentVariable("BACKFILL_BENCH_AUTO_EXPLAIN") is { Length: > 0 } slowMs)
        {
            // Diagnostics: plans (with actual rows) of statements slower than this go to the server log (needs superuser).
            await ExecuteAsync(database.ConnectionString,
                $"ALTER DATABASE \"{database.Name}\" SET session_preload_libraries = 'auto_explain'; " +
                $"ALTER DATABASE \"{database.Name}\" SET auto_explain.log_min_duration = {int.Parse(slowMs, CultureInfo.InvariantCulture)}; " +
                $"ALTER DATABASE \"{database.Name}\" SET auto_explain.log_analyze = on");
        }

        await using var dataSource = database.CreateDataSource();
        var csvPath = Path.Combine(Path.GetTempPath(), $"backfill-bench-{Guid.NewGuid():N}.csv");
        try
        {
            // 1. The world and the file.
            var watch = Stopwatch.StartNew();
            var generator = new LegacyCsvGenerator(Seed, peopleCount);
            await generator.SeedAsync(dataSource);
            await ExecuteAsync(dataSource, "ANALYZE");
            Console.WriteLine($"Seeded {generator.Companies.Length:N0} companies and {generator.People.Length:N0} people with binary COPY in {watch.Elapsed.TotalSeconds:0.0} s");
            watch.Restart();
            var truth = generator.WriteCsv(csvPath, rows);
            File.WriteAllLines(Path.ChangeExtension(csvPath, ".truth.csv"), truth.Select((t, i) => $"{i + 1},{t}").Prepend("row_number,expected"));
            var bytes = new FileInfo(csvPath).Length;
            Console.WriteLine($"Generated {rows:N0} rows ({bytes / 1024.0 / 1024:0} MB) in {watch.Elapsed.TotalSeconds:0.0} s: " +
                              string.Join(", ", truth.GroupBy(t => t.StartsWith("BP-", StringComparison.Ordinal) ? "existing person" : t).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}")));

            // 2. The floor: the same bytes into a plain one-column table (each line one value; no CSV parsing, no checks).
            await ExecuteAsync(dataSource, "CREATE UNLOGGED TABLE raw_legacy_line (line text)");
            watch.Restart();
            await using (var connection = await dataSource.OpenConnectionAsync())
            {
                await using var copy = await connection.BeginTextImportAsync("COPY raw_legacy_line (line) FROM STDIN (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02', HEADER)");
                using var file = new StreamReader(csvPath);
                var buffer = new char[1 << 16];
                int read;
                while ((read = await file.ReadAsync(buffer.AsMemory())) > 0)
                {
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }
            }

            var rawCopy = watch.Elapsed;
            var copied = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM raw_legacy_line");

            // 3. The import.
            var import = await ScalarAsync<long>(dataSource,
                "INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('benchmark.csv', 'benchmark', 0, false, 0, 'benchmark') RETURNING id");
            using var profile = new StatementProfile { Enabled = true };
            var importer = new LegacyBackfillImporter(dataSource);
            var reported = 0L;
            watch.Restart();
            BackfillImportSummary summary;
            await using (var file = new FileStream(csvPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            {
                summary = await importer.ImportAsync(import, file, new BackfillImportOptions(), (done, total, _, _) =>
                {
                    if (done - reported >= ProgressEvery)
                    {
                        reported = done;
                        Console.WriteLine($"  imported {done:N0} of {total:N0} rows at {watch.Elapsed.TotalSeconds:0.0} s");
                    }

                    return Task.CompletedTask;
                }, CancellationToken.None);
            }

            var importTime = watch.Elapsed;
            profile.Enabled = false;
            var statements = profile.Take();
            var rate = rows / importTime.TotalSeconds;

            // 4. Matching quality against the ground truth.
            var quality = await QualityAsync(dataSource, import, truth);
            var logged = await ScalarAsync<long>(dataSource, $"SELECT count(*) FROM public.backfill_log WHERE import_id = {import}");

            Console.WriteLine();
            Console.WriteLine($"Legacy import, {rows:N0} rows against {generator.People.Length:N0} people and {generator.Companies.Length:N0} companies ({Environment.ProcessorCount} cores)");
            Console.WriteLine($"{"step",-44} {"time",10} {"rows/s",10}  notes");
            Console.WriteLine($"{"floor: raw COPY of the file, one text column",-44} {Ms(rawCopy.TotalMilliseconds),10} {copied / rawCopy.TotalSeconds,10:N0}  {copied:N0} lines");
            Console.WriteLine($"{"LegacyBackfillImporter.ImportAsync",-44} {Ms(importTime.TotalMilliseconds),10} {rate,10:N0}  {importTime / rawCopy:0.0} x the raw COPY; target {TargetRowsPerSecond:N0} rows/s");
            Console.WriteLine();
            Console.WriteLine($"Outcomes: {string.Join(", ", summary.Outcomes.Select(o => $"{o.Key} {o.Value:N0}"))}");
            Console.WriteLine($"Companies {summary.CompaniesMatched:N0} matched / {summary.CompaniesCreated:N0} created; people {summary.PeopleMatched:N0} matched / " +
                              $"{summary.PeopleCreated:N0} created / {summary.PeopleUpdated:N0} updated; {summary.LockedFieldsKept:N0} locked fields kept; " +
                              $"{summary.BitBaselines:N0} BIT baselines, {summary.BitSignals:N0} signals, {summary.TalentFlowBaselines:N0} talent-flow baselines");
            Console.WriteLine($"Person matching against the ground truth ({quality.Existing:N0} rows about existing people, {quality.New:N0} about new ones):");
            Console.WriteLine($"  precision {quality.Precision:P2} ({quality.TruePositives:N0} of {quality.Predicted:N0} matches are the right person)");
            Console.WriteLine($"  recall    {quality.Recall:P2} ({quality.TruePositives:N0} of {quality.Existing:N0} existing people found; {quality.Review:N0} rows about them went to review)");
            Console.WriteLine($"  new people created as new: {quality.NewCreated:N0} of {quality.New:N0}; duplicates flagged {quality.DuplicatesFlagged:N0} of {quality.Duplicates:N0}; malformed rows as errors {quality.MalformedErrors:N0} of {quality.Malformed:N0}");
            Console.WriteLine();
            var statementMs = statements.Sum(s => s.TotalMs);
            StatementProfile.Print($"Import by statement ({importTime.TotalSeconds:0.0} s in all; {Ms(importTime.TotalMilliseconds - statementMs)} outside statements: reading, normalizing, matching, writing COPY rows)", statements, 12);

            var pass = true;
            pass &= Check(logged == rows, $"backfill_log has {logged:N0} rows for the import, expected one per row ({rows:N0})");
            pass &= Check(rate >= TargetRowsPerSecond, $"{rate:N0} rows/s is below the target of {TargetRowsPerSecond:N0}");
            Console.WriteLine();
            Console.WriteLine($"Backfill benchmark wall time: {wall.Elapsed.TotalSeconds:0} s");
            return pass;
        }
        finally
        {
            File.Delete(csvPath);
            File.Delete(Path.ChangeExtension(csvPath, ".truth.csv"));
        }
    }

    private static async Task<Quality> QualityAsync(NpgsqlDataSource dataSource, long import, string[] truth)
    {
        var quality = new Quality();
        await using var command = dataSource.CreateCommand(
            "SELECT row_number, resolution_status, matched_person_id, actions_taken ? 'person_created' FROM public.backfill_log WHERE import_id = @import");
        command.Parameters.AddWithValue("import", import);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var expected = truth[reader.GetInt32(0) - 1];
            var status = reader.GetString(1);
            var person = reader.IsDBNull(2) ? null : reader.GetString(2);
            var created = !reader.IsDBNull(3) && reader.GetBoolean(3);
            var matched = person is not null && !created; // a match, not a person this import created
            switch (expected)
            {
                case LegacyCsvGenerator.Duplicate:
                    quality.Duplicates++;
                    quality.DuplicatesFlagged += status == "duplicate" ? 1 : 0;
                    continue;
                case LegacyCsvGenerator.Malformed:
                    quality.Malformed++;
                    quality.MalformedErrors += status == "error" ? 1 : 0;
                    continue;
                case LegacyCsvGenerator.New:
                    quality.New++;
                    quality.NewCreated += created ? 1 : 0;
                    break;
                default:
                    quality.Existing++;
                    quality.Review += status == "unresolved" ? 1 : 0;
                    break;
            }

            if (matched)
            {
                quality.Predicted++;
                quality.TruePositives += person == expected ? 1 : 0;
            }
        }

        return quality;
    }

    private static int Size(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? int.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 1_000_000;

    private static bool Check(bool condition, string failure)
    {
        if (!condition)
        {
            Console.WriteLine($"FAILED: {failure}");
        }

        return condition;
    }

    private static string Ms(double milliseconds) => milliseconds >= 10_000 ? $"{milliseconds / 1000:0.0} s" : $"{milliseconds:0} ms";

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed class Quality
    {
        public long Existing { get; set; }

        public long New { get; set; }

        public long Predicted { get; set; }

        public long TruePositives { get; set; }

        public long Review { get; set; }

        public long NewCreated { get; set; }

        public long Duplicates { get; set; }

        public long DuplicatesFlagged { get; set; }

        public long Malformed { get; set; }

        public long MalformedErrors { get; set; }

        public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;

        public double Recall => Existing == 0 ? 1 : (double)TruePositives / Existing;
    }
}
