using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Portal.Jobs.Backfill;
using Portal.TestSupport;

namespace Portal.Benchmarks;

/// <summary>
/// The legacy import end to end: a generated messy CSV (<see cref="LegacyCsvGenerator"/>) against existing people
/// and companies seeded with binary COPY. Prints the import's rows per second next to a raw COPY of the same file into
/// a plain table in the same run (the floor), where the time went by statement, and by row kind the precision and
/// recall of the company and person matches against the generator's ground truth; then the data-safety figures:
/// fields of existing people made worse, warnings on clean rows, flags per problem kind. Sizes: BACKFILL_BENCH_ROWS
/// and BACKFILL_BENCH_PEOPLE (1,000,000 each by default; companies are a fifth of the people).
/// </summary>
internal static class BackfillBenchmark
{
    private const double TargetRowsPerSecond = 20_000;
    private const double TargetPrecision = 0.995;
    private const double TargetExactRecall = 1.0;
    private const double TargetCleanWarnings = 0.02;
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
            File.WriteAllLines(Path.ChangeExtension(csvPath, ".truth.csv"), truth.Select((t, i) => $"{i + 1},{t.Kind},{t.Company},{t.Person},{t.Exact}").Prepend("row_number,kind,company,person,exact"));
            var bytes = new FileInfo(csvPath).Length;
            var kindCounts = truth.CountBy(t => t.Kind).ToDictionary();
            Console.WriteLine($"Generated {rows:N0} rows ({bytes / 1024.0 / 1024:0} MB) in {watch.Elapsed.TotalSeconds:0.0} s: " +
                              string.Join(", ", LegacyCsvGenerator.Kinds.Where(kindCounts.ContainsKey).Select(k => $"{k} {kindCounts[k]:N0}")));

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
                    buffer.AsSpan(0, read).Replace('\0', ' '); // COPY refuses NUL; the NUL rows are a handful of bytes
                    await copy.WriteAsync(buffer.AsMemory(0, read));
                }
            }

            var rawCopy = watch.Elapsed;
            var copied = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM raw_legacy_line");

            // 3. The import, after a copy of what existing people hold now (untimed) to find any field it made worse.
            await ExecuteAsync(dataSource, "CREATE UNLOGGED TABLE people_before AS SELECT unique_id, full_name, title, email FROM marketing.people_master");
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

            // 4. Matching quality against the ground truth, and what the import made worse.
            var quality = await QualityAsync(dataSource, import, truth);
            var degraded = await DegradedAsync(dataSource, truth);
            var all = quality.Values.Aggregate(new KindStats(), (sum, k) => sum.Add(k));
            var clean = LegacyCsvGenerator.CleanKinds.Select(k => quality.GetValueOrDefault(k) ?? new KindStats()).Aggregate(new KindStats(), (sum, k) => sum.Add(k));
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
            PrintQuality(quality, all);
            Console.WriteLine($"Degraded fields on existing records: {degraded.Total:N0} (target 0): full_name {degraded.FullName:N0}, title {degraded.Title:N0}, email {degraded.Email:N0}, of {degraded.Changed:N0} existing people changed");
            Console.WriteLine($"Warnings on clean rows: {Share(clean.Warned, clean.Rows):P2} ({clean.Warned:N0} of {clean.Rows:N0} rows of the kinds {string.Join(", ", LegacyCsvGenerator.CleanKinds)}; target ≤ {TargetCleanWarnings:P0})");
            var flagsReported = all.Flagged > 0;
            Console.WriteLine("Flags per problem kind" + (flagsReported ? ":" : " (not reported: no row of the import has actions_taken -> 'flags'; rows generated and warned instead):"));
            foreach (var kind in LegacyCsvGenerator.ProblemKinds)
            {
                var k = quality.GetValueOrDefault(kind) ?? new KindStats();
                Console.WriteLine($"  {kind,-24} {k.Rows,6:N0} rows, {(flagsReported ? $"{k.Flagged:N0} flagged, " : "")}{k.Warned:N0} with warnings, {k.Errors:N0} errors");
            }

            Console.WriteLine();
            var statementMs = statements.Sum(s => s.TotalMs);
            StatementProfile.Print($"Import by statement ({importTime.TotalSeconds:0.0} s in all; {Ms(importTime.TotalMilliseconds - statementMs)} outside statements: reading, normalizing, matching, writing COPY rows)", statements, 12);

            var pass = true;
            pass &= Check(logged == rows, $"backfill_log has {logged:N0} rows for the import, expected one per row ({rows:N0})");
            pass &= Check(rate >= TargetRowsPerSecond, $"{rate:N0} rows/s is below the target of {TargetRowsPerSecond:N0}");
            pass &= Check(Share(all.CompanyRight, all.CompanyMade) >= TargetPrecision, $"company precision {Share(all.CompanyRight, all.CompanyMade):P2} is below {TargetPrecision:P2}");
            pass &= Check(Share(all.PersonRight, all.PersonMade) >= TargetPrecision, $"person precision {Share(all.PersonRight, all.PersonMade):P2} is below {TargetPrecision:P2}");
            pass &= Check(Share(all.ExactRight, all.ExactRows) >= TargetExactRecall, $"recall on exact evidence {Share(all.ExactRight, all.ExactRows):P2} is below {TargetExactRecall:P2}");
            pass &= Check(degraded.Total == 0, $"{degraded.Total:N0} fields of existing people were made worse");
            pass &= Check(Share(clean.Warned, clean.Rows) <= TargetCleanWarnings, $"{Share(clean.Warned, clean.Rows):P2} of clean rows have warnings, above {TargetCleanWarnings:P0}");
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

    /// <summary>Per row kind, the import's companies and people against the ground truth.</summary>
    private static async Task<Dictionary<string, KindStats>> QualityAsync(NpgsqlDataSource dataSource, long import, LegacyCsvGenerator.RowTruth[] truth)
    {
        var kinds = new Dictionary<string, KindStats>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(
            "SELECT row_number, resolution_status, matched_company_id, matched_person_id, actions_taken ? 'person_created', actions_taken ? 'warnings', actions_taken ? 'flags' " +
            "FROM public.backfill_log WHERE import_id = @import");
        command.Parameters.AddWithValue("import", import);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var expected = truth[reader.GetInt32(0) - 1];
            var status = reader.GetString(1);
            var company = reader.IsDBNull(2) ? null : reader.GetString(2);
            var person = reader.IsDBNull(3) ? null : reader.GetString(3);
            var created = !reader.IsDBNull(4) && reader.GetBoolean(4);
            if (!kinds.TryGetValue(expected.Kind, out var k))
            {
                kinds[expected.Kind] = k = new KindStats();
            }

            k.Rows++;
            k.Warned += !reader.IsDBNull(5) && reader.GetBoolean(5) ? 1 : 0;
            k.Flagged += !reader.IsDBNull(6) && reader.GetBoolean(6) ? 1 : 0;
            k.Errors += status == "error" ? 1 : 0;
            if (expected.Person is LegacyCsvGenerator.Duplicate or LegacyCsvGenerator.Malformed)
            {
                k.AsExpected += status == (expected.Person == LegacyCsvGenerator.Duplicate ? "duplicate" : "error") ? 1 : 0;
                continue;
            }

            // A row's company is the one it was matched to or created; a company the master does not know is right when created.
            var companyRight = expected.Company == LegacyCsvGenerator.New
                ? company is not null && !LegacyCsvGenerator.IsWorldCompany(company)
                : company == expected.Company;
            k.CompanyExpected++;
            k.CompanyMade += company is null ? 0 : 1;
            k.CompanyRight += companyRight ? 1 : 0;

            var matched = person is not null && !created; // a match, not a person this import created
            var personRight = matched && person == expected.Person;
            k.PersonMade += matched ? 1 : 0;
            k.PersonRight += personRight ? 1 : 0;
            k.ExactRows += expected.Exact ? 1 : 0;
            k.ExactRight += expected.Exact && personRight ? 1 : 0;
            k.AsExpected += expected.Person switch
            {
                LegacyCsvGenerator.New => created,
                LegacyCsvGenerator.Review => status == "unresolved",
                _ => personRight,
            } && (companyRight || expected.Person == LegacyCsvGenerator.Review) ? 1 : 0;
        }

        return kinds;
    }

    private static void PrintQuality(Dictionary<string, KindStats> kinds, KindStats all)
    {
        Console.WriteLine("Against the ground truth, by row kind (a row's company: matched or created; precision: right / all made; person");
        Console.WriteLine("recall on the rows with the person's exact email or LinkedIn URL; as expected: right company and person, new, or review):");
        Console.WriteLine($"  {"row kind",-24} {"rows",8} {"company P",10} {"company R",10} {"person P",10} {"exact R",10} {"as expected",12} {"warned",8}");
        foreach (var kind in LegacyCsvGenerator.Kinds.Where(kinds.ContainsKey))
        {
            PrintKind(kind, kinds[kind]);
        }

        PrintKind("all", all);
        Console.WriteLine($"  targets: precision ≥ {TargetPrecision:P2}, recall on exact evidence {TargetExactRecall:P2}");
    }

    private static void PrintKind(string kind, KindStats k) =>
        Console.WriteLine($"  {kind,-24} {k.Rows,8:N0} {Ratio(k.CompanyRight, k.CompanyMade),10} {Ratio(k.CompanyRight, k.CompanyExpected),10} " +
                          $"{Ratio(k.PersonRight, k.PersonMade),10} {Ratio(k.ExactRight, k.ExactRows),10} {Ratio(k.AsExpected, k.Rows),12} {k.Warned,8:N0}");

    /// <summary>A ratio as a percentage, or a dash when there is nothing to divide by.</summary>
    private static string Ratio(long part, long whole) => whole == 0 ? "-" : Share(part, whole).ToString("P2", CultureInfo.CurrentCulture);

    private static double Share(long part, long whole) => whole == 0 ? 1 : (double)part / whole;

    /// <summary>
    /// Fields of existing people the import made worse, against the copy taken before it: a full name whose words are
    /// not all in the new one (a fuller agreeing name is fine), an email moved from a work to a personal address, a
    /// title changed on a person no row named by exact evidence, or any of them emptied.
    /// </summary>
    private static async Task<Degraded> DegradedAsync(NpgsqlDataSource dataSource, LegacyCsvGenerator.RowTruth[] truth)
    {
        var exact = truth.Where(t => t.Exact).Select(t => t.Person).ToHashSet(StringComparer.Ordinal);
        var personal = LegacyCsvGenerator.PersonalDomains.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var degraded = new Degraded();
        await using var command = dataSource.CreateCommand(
            "SELECT b.unique_id, b.full_name, p.full_name, b.title, p.title, b.email, p.email FROM people_before b JOIN marketing.people_master p USING (unique_id) " +
            "WHERE (b.full_name, b.title, b.email) IS DISTINCT FROM (p.full_name, p.title, p.email)");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            degraded.Changed++;
            var (id, oldName, newName, oldTitle, newTitle, oldEmail, newEmail) =
                (reader.GetString(0), Text(1), Text(2), Text(3), Text(4), Text(5), Text(6));
            degraded.FullName += oldName is not null && (newName is null || !Words(oldName).IsSubsetOf(Words(newName))) ? 1 : 0;
            degraded.Title += oldTitle != newTitle && (newTitle is null || !exact.Contains(id)) ? 1 : 0;
            degraded.Email += oldEmail is not null && (newEmail is null || (!IsPersonal(oldEmail) && IsPersonal(newEmail))) ? 1 : 0;
        }

        return degraded;

        string? Text(int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

        bool IsPersonal(string email) => personal.Contains(email[(email.LastIndexOf('@') + 1)..]);

        static HashSet<string> Words(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

    private sealed class KindStats
    {
        public long Rows { get; set; }

        public long Errors { get; set; }

        public long Warned { get; set; }

        public long Flagged { get; set; }

        public long AsExpected { get; set; }

        public long CompanyExpected { get; set; }

        public long CompanyMade { get; set; }

        public long CompanyRight { get; set; }

        public long PersonMade { get; set; }

        public long PersonRight { get; set; }

        public long ExactRows { get; set; }

        public long ExactRight { get; set; }

        public KindStats Add(KindStats other)
        {
            Rows += other.Rows;
            Errors += other.Errors;
            Warned += other.Warned;
            Flagged += other.Flagged;
            AsExpected += other.AsExpected;
            CompanyExpected += other.CompanyExpected;
            CompanyMade += other.CompanyMade;
            CompanyRight += other.CompanyRight;
            PersonMade += other.PersonMade;
            PersonRight += other.PersonRight;
            ExactRows += other.ExactRows;
            ExactRight += other.ExactRight;
            return this;
        }
    }

    private sealed class Degraded
    {
        public long Changed { get; set; }

        public long FullName { get; set; }

        public long Title { get; set; }

        public long Email { get; set; }

        public long Total => FullName + Title + Email;
    }
}
