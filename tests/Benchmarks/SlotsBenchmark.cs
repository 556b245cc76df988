using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portal.Domain.Persistence;
using Portal.Domain.Slots;
using Portal.Jobs.Demo;
using Portal.Jobs.Slots;
using Portal.TestSupport;

namespace Portal.Benchmarks;

/// <summary>
/// Slot evaluation and the companies list at a million companies (the demo generator's data): a full evaluation,
/// incremental runs with nothing and with 1,000 changes, next to the cost of just reading the people; then every
/// filter of the companies list and the slot summary, timed through the same code the pages call.
/// Set SLOTS_BENCH_EXPLAIN=1 to print EXPLAIN ANALYZE for every list scenario (slow ones always get it), and
/// SLOTS_BENCH_AUTO_EXPLAIN=&lt;ms&gt; to have the server log the plans of slower statements (auto_explain; needs superuser).
/// </summary>
internal static class SlotsBenchmark
{
    private const int CompanyCount = 1_000_000;
    private const int ChangedPeople = 1_000;
    private const int FinishEveryNth = 7;
    private const double SearchTargetMs = 500;
    private const int Iterations = 7;
    private const int Warmup = 2;
    private const int ProgressEvery = 200_000;

    public static async Task<bool> RunAsync()
    {
        var wall = Stopwatch.StartNew();
        var allPass = true;
        await using var database = await TestDatabase.CreateAsync();
        if (Environment.GetEnvironmentVariable("SLOTS_BENCH_AUTO_EXPLAIN") is { Length: > 0 } slowMs)
        {
            // Diagnostics: plans (with actual rows) of statements slower than this go to the server log.
            await using var setup = new NpgsqlConnection(database.ConnectionString);
            await setup.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"ALTER DATABASE \"{database.Name}\" SET session_preload_libraries = 'auto_explain'; " +
                $"ALTER DATABASE \"{database.Name}\" SET auto_explain.log_min_duration = {int.Parse(slowMs, System.Globalization.CultureInfo.InvariantCulture)}; " +
                $"ALTER DATABASE \"{database.Name}\" SET auto_explain.log_analyze = on",
                setup);
            await command.ExecuteNonQueryAsync();
        }

        await using var dataSource = database.CreateDataSource();

        using var profile = new StatementProfile();
        try
        {
            // 1. Data.
            var watch = Stopwatch.StartNew();
            var people = await DemoCompanies.GenerateAsync(dataSource, CompanyCount);
            var copySeconds = watch.Elapsed.TotalSeconds;
            watch.Restart();
            await ExecuteAsync(dataSource, "ANALYZE");
            Console.WriteLine($"Generated {CompanyCount:N0} companies and {people:N0} people with binary COPY in {copySeconds:0.0} s; ANALYZE {watch.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"Sizes: company_master {await SizeAsync(dataSource, "marketing.company_master")}, people_master {await SizeAsync(dataSource, "marketing.people_master")} (with indexes)");

            // 2. Evaluation, against the cost of only reading the people.
            var countScan = await Measure.TimeAsync(() => ScalarAsync<long>(dataSource, "SELECT count(*) FROM marketing.people_master"), iterations: 3, warmup: 1);
            watch.Restart();
            var copiedBytes = await CopyOutAsync(dataSource, "COPY (SELECT unique_id, company_unique_id, title, slot_types, updated_at FROM marketing.people_master) TO STDOUT (FORMAT BINARY)");
            var copyOut = watch.Elapsed;

            var evaluator = new SlotEvaluator(dataSource);
            profile.Enabled = true;
            var (full, fullTime, classifyTime) = await EvaluateAsync(evaluator, "full evaluation", full: true);
            profile.Enabled = false;
            var fullProfile = profile.Take();
            profile.Enabled = true;
            var (unchanged, unchangedTime, _) = await EvaluateAsync(evaluator, "incremental evaluation, nothing changed", full: false);
            profile.Enabled = false;
            var unchangedProfile = profile.Take();

            watch.Restart();
            var changed = await ExecuteAsync(dataSource, $"""
                WITH picked AS (
                    SELECT p.unique_id FROM generate_series(0, 2999) k
                      JOIN marketing.people_master p ON p.unique_id = 'P-' || (1 + k * 331) || '-1'
                     ORDER BY k LIMIT {ChangedPeople})
                UPDATE marketing.people_master p
                   SET title = CASE WHEN p.title = 'Software Engineer' THEN 'Chief Executive Officer' ELSE 'Software Engineer' END, updated_at = now()
                  FROM picked WHERE p.unique_id = picked.unique_id
                """);
            var updateTime = watch.Elapsed;
            var (incremental, incrementalTime, _) = await EvaluateAsync(evaluator, $"incremental evaluation after {ChangedPeople:N0} title changes", full: false);
            var (after, afterTime, _) = await EvaluateAsync(evaluator, "second incremental evaluation after the title changes", full: false);

            Console.WriteLine();
            Console.WriteLine($"Slot evaluation, {CompanyCount:N0} companies, {people:N0} people");
            Console.WriteLine($"{"step",-48} {"time",10} {"companies",10} {"companies/s",12}  notes");
            Console.WriteLine($"{"baseline: SELECT count(*) FROM people_master",-48} {Ms(countScan.MedianMs),10} {"",10} {"",12}  median of 3");
            Console.WriteLine($"{"baseline: COPY people TO STDOUT (binary)",-48} {Ms(copyOut.TotalMilliseconds),10} {"",10} {"",12}  {copiedBytes / 1024.0 / 1024:0} MB: id, company, title, slot_types, updated_at");
            Console.WriteLine($"{"full evaluation",-48} {Ms(fullTime.TotalMilliseconds),10} {full.CompaniesProcessed,10:N0} {full.CompaniesProcessed / fullTime.TotalSeconds,12:N0}  " +
                              $"classified {full.PeopleClassified:N0} titles in {Ms(classifyTime.TotalMilliseconds)}, evaluated in {Ms((fullTime - classifyTime).TotalMilliseconds)}");
            Console.WriteLine($"{"incremental, nothing changed",-48} {Ms(unchangedTime.TotalMilliseconds),10} {unchanged.CompaniesProcessed,10:N0} {"",12}  classified {unchanged.PeopleClassified:N0}");
            Console.WriteLine($"{$"UPDATE titles of {changed:N0} people (updated_at = now())",-48} {Ms(updateTime.TotalMilliseconds),10}");
            Console.WriteLine($"{$"incremental after {changed:N0} title changes",-48} {Ms(incrementalTime.TotalMilliseconds),10} {incremental.CompaniesProcessed,10:N0} {incremental.CompaniesProcessed / incrementalTime.TotalSeconds,12:N0}  " +
                              $"classified {incremental.PeopleClassified:N0}, slots updated {incremental.SlotsUpdated:N0}, backfill requests {incremental.BackfillTriggered:N0}");
            Console.WriteLine($"{"incremental again, nothing changed",-48} {Ms(afterTime.TotalMilliseconds),10} {after.CompaniesProcessed,10:N0} {"",12}  slots updated {after.SlotsUpdated:N0}");
            Console.WriteLine();
            Console.WriteLine($"Full evaluation: {full.SlotsFilled:N0} filled, {full.SlotsOpen:N0} open, {full.SlotsClosedMissing:N0} closed missing; " +
                              $"{full.SlotsCreated:N0} slots created; {full.BackfillTriggered:N0} backfill requests; {full.CompoundMatches:N0} compound matches; " +
                              $"{full.MultipleCandidates:N0} slots with several candidates; fill rate {Rates(full.FillRate)}");

            Console.WriteLine();
            StatementProfile.Print($"Full evaluation by statement ({fullTime.TotalSeconds:0.0} s in all; the rest is client-side work: classifying, deciding, writing COPY rows)", fullProfile, 10);
            Console.WriteLine();
            StatementProfile.Print($"Incremental evaluation with nothing changed by statement ({unchangedTime.TotalMilliseconds:0} ms in all)", unchangedProfile, 4);

            allPass &= Check(unchanged.CompaniesProcessed == 0, $"incremental with nothing changed processed {unchanged.CompaniesProcessed:N0} companies, expected 0");
            allPass &= Check(changed == ChangedPeople, $"the update changed {changed:N0} people, expected {ChangedPeople:N0}");
            allPass &= Check(incremental.CompaniesProcessed == ChangedPeople, $"incremental after {ChangedPeople:N0} title changes processed {incremental.CompaniesProcessed:N0} companies, expected {ChangedPeople:N0}");

            // 3. Rounds that found nobody, so closed_missing slots exist; then the companies list.
            Console.WriteLine();
            Console.WriteLine($"Enrichment rounds finished without a find for every {FinishEveryNth}th company, each followed by an incremental evaluation:");
            for (var round = 1; round <= 2; round++)
            {
                watch.Restart();
                var finished = await DemoCompanies.FinishRoundsAsync(dataSource, everyNth: FinishEveryNth);
                var finishTime = watch.Elapsed;
                var (summary, time, _) = await EvaluateAsync(evaluator, $"incremental evaluation after enrichment round {round}", full: false);
                Console.WriteLine($"  round {round}: {finished:N0} searches finished in {Ms(finishTime.TotalMilliseconds)}; evaluation {Ms(time.TotalMilliseconds)}: " +
                                  $"{summary.CompaniesProcessed:N0} companies, {summary.SlotsFilled:N0} filled, {summary.SlotsOpen:N0} open, {summary.SlotsClosedMissing:N0} closed missing, " +
                                  $"{summary.SlotsUpdated:N0} slots updated, {summary.BackfillTriggered:N0} backfill requests");
            }

            // Autovacuum would get to millions of new rows soon; do it now, so index-only scans are what they will be.
            watch.Restart();
            await ExecuteAsync(dataSource, "VACUUM (ANALYZE)");
            Console.WriteLine($"  VACUUM (ANALYZE) {watch.Elapsed.TotalSeconds:0.0} s");
            allPass &= await SearchAsync(database, dataSource);
        }
        catch (StepFailedException failure)
        {
            Console.WriteLine();
            Console.WriteLine($"FAILED: {failure.Message}");
            if (profile.Enabled)
            {
                Console.WriteLine();
                StatementProfile.Print("Statements until the failure", profile.Take(), 10);
            }

            allPass = false;
        }

        Console.WriteLine();
        Console.WriteLine($"Slots benchmark wall time: {wall.Elapsed.TotalSeconds:0} s");
        return allPass;
    }

    private static async Task<bool> SearchAsync(TestDatabase database, NpgsqlDataSource dataSource)
    {
        var recorder = new CommandRecorder();
        var directory = new CompanyDirectory(new BenchmarkContextFactory(database, recorder));
        var closed = await directory.SummaryAsync();
        Console.WriteLine($"  slots now: {string.Join("; ", closed.PerType.Select(t => $"{t.SlotType} {t.Filled:N0} filled / {t.Open:N0} open / {t.ClosedMissing:N0} closed missing"))}; {closed.PendingBackfills:N0} pending backfill requests");

        var scenarios = new (string Name, CompanyQuery Query)[]
        {
            ("first page, sorted by name", new CompanyQuery()),
            ("last page within the count limit (400)", new CompanyQuery(Skip: CompanyDirectory.CountLimit - 25)),
            ("text search \"globex\"", new CompanyQuery(Text: "globex")),
            ("CEO = open", new CompanyQuery(SlotType: SlotTypeNames.Ceo, SlotStatus: SlotStatus.Open)),
            ("any slot closed_missing", new CompanyQuery(SlotStatus: SlotStatus.ClosedMissing)),
            ("min attempts >= 1", new CompanyQuery(MinAttempts: 1)),
            ("has pending backfill", new CompanyQuery(HasPendingBackfill: true)),
            ("sorted by domain desc", new CompanyQuery(SortBy: "Domain", Descending: true)),
        };

        var floor = await Measure.TimeAsync(
            async () =>
            {
                await using var command = dataSource.CreateCommand("SELECT company_unique_id, company_name, domain FROM marketing.company_master ORDER BY company_name, company_unique_id LIMIT 25");
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
            },
            Iterations,
            Warmup);

        var explainAll = Environment.GetEnvironmentVariable("SLOTS_BENCH_EXPLAIN") == "1";
        var explain = new List<(string Name, IReadOnlyList<RecordedCommand> Commands)>();
        Console.WriteLine();
        Console.WriteLine($"Companies list, {CompanyCount:N0} companies ({Iterations} timed calls after {Warmup} warm-up; query + count + slots of the page; target p95 < {SearchTargetMs} ms)");
        Console.WriteLine($"{"scenario",-36} {"median ms",10} {"p95 ms",8} {"x floor",8} {"total rows",11}  result");
        Console.WriteLine($"{"floor: one page, raw SQL, no count",-36} {floor.MedianMs,10:0.0} {floor.P95Ms,8:0.0} {1,8:0.0} {"",11}");
        var allPass = true;
        foreach (var (name, query) in scenarios)
        {
            var total = (await directory.SearchAsync(query)).Total;
            var timing = await Measure.TimeAsync(() => directory.SearchAsync(query), Iterations, Warmup);
            var pass = timing.P95Ms < SearchTargetMs;
            allPass &= pass;
            Console.WriteLine($"{name,-36} {timing.MedianMs,10:0.0} {timing.P95Ms,8:0.0} {timing.MedianMs / floor.MedianMs,8:0.0} {total,11:N0}  {(pass ? "ok" : "SLOW")}");
            if (!pass || explainAll)
            {
                explain.Add((name, await recorder.RecordAsync(() => directory.SearchAsync(query))));
            }
        }

        var summaryTiming = await Measure.TimeAsync(() => directory.SummaryAsync(), Iterations, Warmup);
        var summaryPass = summaryTiming.P95Ms < SearchTargetMs;
        allPass &= summaryPass;
        Console.WriteLine($"{"slot summary (SummaryAsync)",-36} {summaryTiming.MedianMs,10:0.0} {summaryTiming.P95Ms,8:0.0} {summaryTiming.MedianMs / floor.MedianMs,8:0.0} {"",11}  {(summaryPass ? "ok" : "SLOW")}");
        if (!summaryPass || explainAll)
        {
            explain.Add(("slot summary (SummaryAsync)", await recorder.RecordAsync(() => directory.SummaryAsync())));
        }

        foreach (var (name, commands) in explain)
        {
            Console.WriteLine();
            Console.WriteLine($"=== {name}: {commands.Count} statements ===");
            foreach (var command in commands)
            {
                Console.WriteLine($"--- {command.Duration.TotalMilliseconds:0.0} ms until first row; parameters: {string.Join(", ", command.Parameters.Select(p => $"{p.ParameterName}={p.Value}"))}");
                Console.WriteLine(command.Sql);
                Console.WriteLine(await ExplainAsync(dataSource, command));
            }
        }

        return allPass;
    }

    private static async Task<(SlotEvaluationSummary Summary, TimeSpan Time, TimeSpan Classify)> EvaluateAsync(SlotEvaluator evaluator, string label, bool full)
    {
        var watch = Stopwatch.StartNew();
        TimeSpan? classified = null;
        var reported = 0L;
        try
        {
            var summary = await evaluator.EvaluateAsync(
                new SlotEvaluationOptions { Full = full },
                runId: null,
                (done, total, message) =>
                {
                    // The first progress with a company total marks the end of title classification.
                    if (classified is null && (total > 0 || message.StartsWith("Nothing changed", StringComparison.Ordinal)))
                    {
                        classified = watch.Elapsed;
                        if (total >= ProgressEvery)
                        {
                            Console.WriteLine($"  {label}: classification done at {watch.Elapsed.TotalSeconds:0.0} s; evaluating {total:N0} companies");
                        }
                    }

                    if (done - reported >= ProgressEvery)
                    {
                        reported = done;
                        Console.WriteLine($"  {label}: {done:N0} of {total:N0} companies at {watch.Elapsed.TotalSeconds:0.0} s");
                    }

                    return Task.CompletedTask;
                },
                CancellationToken.None);
            return (summary, watch.Elapsed, classified ?? watch.Elapsed);
        }
        catch (Exception exception) when (exception is NpgsqlException or PostgresException or InvalidOperationException or TimeoutException)
        {
            throw new StepFailedException(
                $"{label} threw after {watch.Elapsed.TotalSeconds:0.0} s" +
                (classified is { } c ? $" (classification took {c.TotalSeconds:0.0} s, {reported:N0} companies reported done)" : " (during title classification)") +
                $": {exception.GetType().Name}: {exception.Message}{(exception.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}",
                exception);
        }
    }

    private static bool Check(bool condition, string failure)
    {
        if (!condition)
        {
            Console.WriteLine($"FAILED: {failure}");
        }

        return condition;
    }

    private static string Ms(double milliseconds) => milliseconds >= 10_000 ? $"{milliseconds / 1000:0.0} s" : $"{milliseconds:0} ms";

    private static string Rates(Dictionary<string, double> rates) => string.Join(", ", rates.Select(r => $"{r.Key} {r.Value:0.0}%"));

    private static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static Task<string> SizeAsync(NpgsqlDataSource dataSource, string table) =>
        ScalarAsync<string>(dataSource, $"SELECT pg_size_pretty(pg_total_relation_size('{table}'))");

    private static async Task<long> CopyOutAsync(NpgsqlDataSource dataSource, string copy)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var stream = await connection.BeginRawBinaryCopyAsync(copy);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
        {
            bytes += read;
        }

        return bytes;
    }

    private static async Task<string> ExplainAsync(NpgsqlDataSource dataSource, RecordedCommand recorded)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + recorded.Sql, connection);
        foreach (var parameter in recorded.Parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private sealed class StepFailedException(string message, Exception inner) : Exception(message, inner);

    private sealed record RecordedCommand(string Sql, IReadOnlyList<NpgsqlParameter> Parameters, TimeSpan Duration);

    /// <summary>Records the statements EF sends while <see cref="RecordAsync"/> runs, to EXPLAIN them afterwards.</summary>
    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private List<RecordedCommand>? recording;

        public async Task<IReadOnlyList<RecordedCommand>> RecordAsync(Func<Task> operation)
        {
            recording = [];
            try
            {
                await operation();
                return recording;
            }
            finally
            {
                recording = null;
            }
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            recording?.Add(new RecordedCommand(command.CommandText, command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList(), eventData.Duration));
            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }
    }

    private sealed class BenchmarkContextFactory(TestDatabase database, CommandRecorder recorder) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(database.ConnectionString).AddInterceptors(recorder).Options);
    }
}
