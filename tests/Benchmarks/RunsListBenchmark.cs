using Npgsql;
using NpgsqlTypes;
using Portal.Domain.Runs;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;

namespace Portal.Benchmarks;

/// <summary>
/// The Runs list with 100,000 run records: every filter the page offers, timed through the same code the
/// page calls, against a floor of the cheapest possible hand-written query for one page.
/// </summary>
internal static class RunsListBenchmark
{
    private const int RunCount = 100_000;
    private const double TargetMs = 200;

    public static async Task<bool> RunAsync()
    {
        await using var database = await TestDatabase.CreateAsync();
        var seeded = System.Diagnostics.Stopwatch.StartNew();
        await SeedAsync(database);
        Console.WriteLine($"Seeded {RunCount:N0} runs with binary COPY in {seeded.Elapsed.TotalSeconds:0.0} s");

        await using var dataSource = database.CreateDataSource();
        var history = new RunHistory(database.ContextFactory(), new JobCatalog([]));
        var now = DateTimeOffset.UtcNow;
        var scenarios = new (string Name, RunQuery Query)[]
        {
            ("first page, newest first", new RunQuery(Take: 25)),
            ("page 200", new RunQuery(Skip: 5_000, Take: 25)),
            ("status = failed", new RunQuery(Status: RunStatus.Failed, Take: 25)),
            ("job = slot-evaluation", new RunQuery(Job: "slot-evaluation", Take: 25)),
            ("job + status", new RunQuery(Job: "legacy-backfill", Status: RunStatus.Succeeded, Take: 25)),
            ("started by user", new RunQuery(TriggeredBy: "user7@portal.local", Take: 25)),
            ("source = api", new RunQuery(Source: TriggerSource.Api, Take: 25)),
            ("last 24 hours", new RunQuery(From: now.AddDays(-1), To: now, Take: 25)),
            ("sorted by job name", new RunQuery(SortBy: "JobName", Descending: false, Take: 25)),
            ("text search in parameters/summary", new RunQuery(Text: "batch-4711", Take: 25)),
        };

        var floor = await Measure.TimeAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT id, job_name, status FROM ops.job_run ORDER BY id DESC LIMIT 25");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });

        Console.WriteLine();
        Console.WriteLine($"Runs list, {RunCount:N0} runs (server time per request: query + count; target < {TargetMs} ms)");
        Console.WriteLine($"{"scenario",-36} {"median ms",10} {"p95 ms",8} {"x floor",8}  result");
        Console.WriteLine($"{"floor: one page, raw SQL, no count",-36} {floor.MedianMs,10:0.0} {floor.P95Ms,8:0.0} {1,8:0.0}");
        var allPass = true;
        foreach (var (name, query) in scenarios)
        {
            var timing = await Measure.TimeAsync(() => history.SearchAsync(query));
            var pass = timing.P95Ms < TargetMs;
            allPass &= pass;
            Console.WriteLine($"{name,-36} {timing.MedianMs,10:0.0} {timing.P95Ms,8:0.0} {timing.MedianMs / floor.MedianMs,8:0.0}  {(pass ? "ok" : "SLOW")}");
        }

        return allPass;
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        string[] jobs = ["slot-evaluation", "legacy-backfill", "reprocess-enrichment", "metrics-snapshot", "purge-run-history", "demo-count"];
        string[] statuses = ["succeeded", "succeeded", "succeeded", "succeeded", "failed", "cancelled"];
        string[] sources = [TriggerSource.Schedule, TriggerSource.Schedule, TriggerSource.User, TriggerSource.Api, TriggerSource.Retry];
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow.AddDays(-60);

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY ops.job_run (job_name, trigger_source, triggered_by, parameters, dry_run, status, exclusive, done, total, summary, node, recoveries, queued_at, started_at, finished_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < RunCount; i++)
            {
                var queued = start.AddSeconds(i * (60.0 * 24 * 3600 / RunCount));
                var source = sources[random.Next(sources.Length)];
                var total = random.Next(100, 100_000);
                await writer.StartRowAsync();
                await writer.WriteAsync(jobs[random.Next(jobs.Length)]);
                await writer.WriteAsync(source);
                await writer.WriteAsync(source == TriggerSource.Schedule ? null : $"user{random.Next(20)}@portal.local", NpgsqlDbType.Text);
                await writer.WriteAsync($$"""{"batch":"batch-{{i}}","batchSize":{{random.Next(100, 5000)}}}""", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(random.Next(10) == 0);
                await writer.WriteAsync(statuses[random.Next(statuses.Length)]);
                await writer.WriteAsync(false);
                await writer.WriteAsync((long)total);
                await writer.WriteAsync((long)total);
                await writer.WriteAsync($$"""{"processed":{{total}},"failed":{{random.Next(50)}}}""", NpgsqlDbType.Jsonb);
                await writer.WriteAsync($"worker-{random.Next(1, 3)}");
                await writer.WriteAsync(0);
                await writer.WriteAsync(queued, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(queued.AddSeconds(1), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(queued.AddSeconds(random.Next(2, 600)), NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using var analyze = new NpgsqlCommand("ANALYZE ops.job_run", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
