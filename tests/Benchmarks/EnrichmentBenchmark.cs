using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Jobs.Demo;
using Portal.Jobs.Configuration;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Enrichment.Providers;
using Portal.Jobs.Runs;
using Portal.TestSupport;

namespace Portal.Benchmarks;

/// <summary>
/// Items per second through the worker's real data path (claim with SKIP LOCKED, provider calls, COPY write-back,
/// attempts, intake and people_master for the finds): with the simulated provider at zero latency, and with the
/// HTTP provider against the local Kestrel stub. Two workers share the queue, as two nodes would.
/// </summary>
internal static class EnrichmentBenchmark
{
    private const int Companies = 20_000;
    private const int Workers = 2;
    private const int BatchSize = 1_000;
    private const double SimulatedTarget = 5_000;
    private const double HttpTarget = 500;
    private const int HttpItems = 15_000;

    public static async Task<bool> RunAsync()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = database.CreateDataSource();
        await DemoCompanies.GenerateAsync(dataSource, Companies);
        Console.WriteLine($"Enrichment: {Companies:N0} companies, {Companies * 3:N0} items, {Workers} workers, batches of {BatchSize:N0}");

        var options = new EnrichmentOptions();
        options.Simulated.LatencyMs = 0;
        options.Simulated.Concurrency = 1;
        await QueueAsync(dataSource, Companies * 3);
        var config = new ConfigStore(database.ContextFactory());
        var simulated = await MeasureAsync(dataSource, config, new SimulatedProvider(Options.Create(options)), options);

        await using var stub = await EnrichmentProviderStub.StartAsync();
        options = new EnrichmentOptions { Provider = HttpEnrichmentProvider.ProviderName };
        options.Http.Endpoint = stub.Endpoint.ToString();
        options.Http.ApiKey = EnrichmentProviderStub.ApiKey;
        options.Http.RequestsPerMinute = 6_000_000;
        options.Http.Concurrency = 32;
        await QueueAsync(dataSource, HttpItems);
        using var http = new HttpEnrichmentProvider(Options.Create(options), TimeProvider.System);
        var viaHttp = await MeasureAsync(dataSource, config, http, options);

        Console.WriteLine();
        Console.WriteLine($"{"provider",-44} {"items",8} {"time",9} {"items/s",9} {"target",8}  result");
        var ok = Print("simulated, zero latency", simulated, SimulatedTarget);
        ok &= Print($"HTTP, local Kestrel stub ({stub.Calls:N0} requests, concurrency 32)", viaHttp, HttpTarget);
        return ok;
    }

    /// <summary>Makes the first <paramref name="count"/> items (fresh ones on the first call) due now.</summary>
    private static async Task QueueAsync(NpgsqlDataSource dataSource, int count)
    {
        await using var command = dataSource.CreateCommand($"""
            DELETE FROM enrichment.enrichment_attempt;
            DELETE FROM enrichment.enrichment_item;
            DELETE FROM intake.people_raw_intake;
            DELETE FROM marketing.people_master WHERE source_system = 'enrichment';
            INSERT INTO enrichment.enrichment_item (source, company_unique_id, slot_type, status, next_attempt_at)
            SELECT 'slot_backfill', c.company_unique_id, s.slot_type, 'pending', now()
              FROM marketing.company_master c CROSS JOIN (VALUES ('CEO'), ('CFO'), ('HR')) s(slot_type)
             ORDER BY c.company_unique_id, s.slot_type LIMIT {count};
            """);
        await command.ExecuteNonQueryAsync();
        await using var vacuum = dataSource.CreateCommand("VACUUM ANALYZE enrichment.enrichment_item");
        await vacuum.ExecuteNonQueryAsync();
    }

    private static async Task<(long Items, TimeSpan Time)> MeasureAsync(NpgsqlDataSource dataSource, ConfigStore config, IEnrichmentProvider provider, EnrichmentOptions options)
    {
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, Workers).Select(n => Task.Run(async () =>
        {
            var processor = new EnrichmentProcessor(dataSource, provider, Options.Create(options), Options.Create(new RunOptions { NodeName = $"bench-{n}" }), config, TimeProvider.System);
            long items = 0;
            while ((await processor.ProcessBatchAsync(null, BatchSize, CancellationToken.None)) is { Claimed: > 0 } batch)
            {
                items += batch.Claimed;
            }

            return items;
        })));
        return (counts.Sum(), watch.Elapsed);
    }

    private static bool Print(string name, (long Items, TimeSpan Time) result, double target)
    {
        var rate = result.Items / result.Time.TotalSeconds;
        var pass = rate >= target;
        Console.WriteLine($"{name,-44} {result.Items,8:N0} {result.Time.TotalSeconds,8:0.00}s {rate,9:N0} {target,8:N0}  {(pass ? "ok" : "MISSED")}");
        return pass;
    }
}
