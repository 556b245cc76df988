using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Domain.Monitoring;
using Portal.Jobs.Backfill;
using Portal.Jobs.Monitoring;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Monitoring;

/// <summary>Metrics from a fixture database, the alert lifecycle on the real tables, and webhook delivery to a local receiver.</summary>
public sealed class MonitoringTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = database.CreateDataSource();
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_FromAFixtureDatabase_EqualHandComputedValues()
    {
        await database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name) VALUES ('C1', 'One'), ('C2', 'Two'), ('C3', 'Three'), ('C4', 'Four');
            INSERT INTO marketing.company_slot (company_unique_id, slot_type, status, is_filled)
            SELECT c, t, CASE WHEN (t = 'CEO' AND c <> 'C4') OR (t = 'CFO' AND c = 'C1') THEN 'filled' ELSE 'open' END, false
              FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4']) c, unnest(ARRAY['CEO', 'CFO', 'HR']) t;

            INSERT INTO enrichment.enrichment_item (source, company_unique_id, slot_type, status, ai_confidence, ai_label, completed_at) VALUES
              ('slot_backfill', 'C1', 'CFO', 'completed', 0.95, 'found', now() - interval '10 minutes'),
              ('slot_backfill', 'C2', 'CFO', 'completed', 0.60, 'low_confidence', now() - interval '20 minutes'),
              ('slot_backfill', 'C3', 'CFO', 'failed', NULL, NULL, NULL),
              ('slot_backfill', 'C4', 'CFO', 'pending', NULL, NULL, NULL),
              ('slot_backfill', 'C4', 'HR', 'skipped', NULL, NULL, NULL);
            INSERT INTO enrichment.enrichment_attempt (item_id, at, provider, node, outcome, duration_ms)
            SELECT (SELECT min(id) FROM enrichment.enrichment_item), at, 'simulated', 'n1', outcome, ms
              FROM (VALUES (now() - interval '5 minutes', 'found', 100), (now() - interval '6 minutes', 'failed', 200),
                           (now() - interval '7 minutes', 'failed', 300), (now() - interval '8 minutes', 'not_found', 400),
                           (now() - interval '2 hours', 'failed', 9000)) AS a(at, outcome, ms);

            INSERT INTO ops.job_run (job_name, trigger_source, dry_run, status, exclusive, done, recoveries, finished_at) VALUES
              ('evaluate-company-slots', 'schedule', false, 'succeeded', true, 0, 0, now() - interval '1 hour'),
              ('evaluate-company-slots', 'schedule', false, 'succeeded', true, 0, 0, now() - interval '2 hours'),
              ('collect-metrics', 'schedule', false, 'succeeded', true, 0, 0, now() - interval '3 hours'),
              ('import-legacy-backfill', 'user', false, 'failed', true, 0, 0, now() - interval '4 hours'),
              ('import-legacy-backfill', 'user', false, 'failed', true, 0, 0, now() - interval '3 days'),
              ('demo-count', 'user', false, 'queued', false, 0, 0, NULL);
            INSERT INTO garage.missing_parts (source, issue_type, resolved) VALUES ('backfill_import', 'low_confidence_match', false),
              ('backfill_import', 'low_confidence_match', false), ('backfill_import', 'low_confidence_match', true);
            """);

        var values = await new MetricsCollector(dataSource).CollectAsync(ImportLegacyBackfillJob.Name, TestContext.Current.CancellationToken);

        values[MetricCatalog.FillRateCeo].ShouldBe(75);
        values[MetricCatalog.FillRateCfo].ShouldBe(25);
        values[MetricCatalog.FillRateHr].ShouldBe(0);
        values[MetricCatalog.CompletenessRate].ShouldBe(50);      // 2 of the 4 items not skipped have both results
        values[MetricCatalog.BacklogSize].ShouldBe(2);            // failed + pending
        values[MetricCatalog.QualityScore].ShouldBe(77.5);        // (0.95 + 0.60) / 2
        values[MetricCatalog.Confidence50To70].ShouldBe(50);
        values[MetricCatalog.Confidence90Up].ShouldBe(50);
        values[MetricCatalog.ConfidenceBelow50].ShouldBe(0);
        values[MetricCatalog.Throughput].ShouldBe(2);
        values[MetricCatalog.ProcessingDuration].ShouldBe(250);   // the last hour only
        values[MetricCatalog.FailureRate].ShouldBe(50);
        values[MetricCatalog.PipelineSuccessRate].ShouldBe(66.67); // 2 of the 3 runs finished in 24 h; the metrics job's own runs do not count
        values[MetricCatalog.BackfillFailedRuns].ShouldBe(1);
        values[MetricCatalog.RunningJobs].ShouldBe(1);
        values[MetricCatalog.ReviewQueueSize].ShouldBe(2);
    }

    [Fact]
    public async Task AnEmptyPipeline_HasUnknownRates_NotZeroOnes()
    {
        var values = await new MetricsCollector(dataSource).CollectAsync(ImportLegacyBackfillJob.Name, TestContext.Current.CancellationToken);

        values[MetricCatalog.CompletenessRate].ShouldBeNull();
        values[MetricCatalog.FailureRate].ShouldBeNull();
        values[MetricCatalog.BacklogSize].ShouldBe(0);
    }

    [Fact]
    public async Task Samples_OnePerMetricAndMinute_AndTheHoursAverage_AndRetention()
    {
        var store = new MetricSampleStore(dataSource, Options(new Uri("http://127.0.0.1:9/hook")));
        await database.ExecuteAsync("""
            INSERT INTO ops.metric_sample (name, at, value) VALUES
              ('backlog_x', date_trunc('hour', now()), 10),
              ('enrichment_backlog_size', date_trunc('hour', now()) - interval '1 minute', 99),
              ('enrichment_backlog_size', now() - interval '9 days', 1);
            INSERT INTO ops.metric_hourly (name, hour, value, samples) VALUES ('enrichment_backlog_size', now() - interval '500 days', 1, 1);
            """);

        await store.StoreAsync(new Dictionary<string, double?> { [MetricCatalog.BacklogSize] = 20, [MetricCatalog.CompletenessRate] = null }, TestContext.Current.CancellationToken);
        await store.StoreAsync(new Dictionary<string, double?> { [MetricCatalog.BacklogSize] = 30 }, TestContext.Current.CancellationToken);
        var purged = await store.PurgeAsync(TestContext.Current.CancellationToken);

        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.metric_sample WHERE name = 'enrichment_completeness_rate'")).ShouldBe(0);
        (await database.ScalarAsync<double>("SELECT value FROM ops.metric_sample WHERE name = 'enrichment_backlog_size' AND at = date_trunc('minute', now())")).ShouldBe(30);
        // This hour: the sample stored now (30); the one from the previous hour (99) is not part of it.
        (await database.ScalarAsync<double>("SELECT value FROM ops.metric_hourly WHERE name = 'enrichment_backlog_size' AND hour = date_trunc('hour', now())")).ShouldBe(30);
        purged.ShouldBe(2);
    }

    [Fact]
    public async Task ABreach_FiresOneAlert_EvaluatingAgainAddsNone_AndRecoveryResolvesIt()
    {
        var engine = Engine(new Uri("http://127.0.0.1:9/hook"));

        var breach = await engine.EvaluateAsync(new Dictionary<string, double?> { [MetricCatalog.CompletenessRate] = 65 }, TestContext.Current.CancellationToken);
        var again = await engine.EvaluateAsync(new Dictionary<string, double?> { [MetricCatalog.CompletenessRate] = 60 }, TestContext.Current.CancellationToken);
        var active = await database.ScalarAsync<string>("SELECT state || '/' || severity FROM ops.alert WHERE metric = 'enrichment_completeness_rate'");
        var recovery = await engine.EvaluateAsync(new Dictionary<string, double?> { [MetricCatalog.CompletenessRate] = 96 }, TestContext.Current.CancellationToken);

        breach.Fired.ShouldBe(1);
        again.Opened.ShouldBe(0);
        active.ShouldBe("firing/critical");
        recovery.Resolved.ShouldBe(1);
        (await database.ScalarAsync<long>("SELECT count(*) FROM ops.alert")).ShouldBe(1);
        (await database.ScalarAsync<string>("SELECT state FROM ops.alert")).ShouldBe(AlertState.Resolved);
        (await database.ScalarAsync<string>("SELECT string_agg(event, ',' ORDER BY id) FROM ops.alert_notification")).ShouldBe("firing,resolved");
    }

    [Fact]
    public async Task Webhook_IsRetriedAfterTheReceiverFails_ThenDelivered_Signed()
    {
        var received = new ConcurrentQueue<(string Body, string? Signature)>();
        var failuresLeft = 2;
        await using var receiver = await StartReceiverAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["X-Portal-Signature"].FirstOrDefault()));
            context.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 503 : 204;
        });
        var url = HookUrl(receiver);
        var options = Options(url);
        await Engine(url).EvaluateAsync(new Dictionary<string, double?> { [MetricCatalog.BacklogSize] = 5000 }, TestContext.Current.CancellationToken);
        var notifier = new WebhookNotifier(database.ContextFactory(), new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System);

        var first = await notifier.DeliverDueAsync(TestContext.Current.CancellationToken);
        var second = await notifier.DeliverDueAsync(TestContext.Current.CancellationToken);
        var third = await notifier.DeliverDueAsync(TestContext.Current.CancellationToken);

        (first.Retrying, second.Retrying, third.Delivered).ShouldBe((1, 1, 1));
        (await database.ScalarAsync<string>("SELECT status || '/' || attempts FROM ops.alert_notification")).ShouldBe("delivered/3");
        received.Count.ShouldBe(3);
        var (body, signature) = received.Last();
        using var payload = JsonDocument.Parse(body);
        payload.RootElement.GetProperty("event").GetString().ShouldBe("firing");
        payload.RootElement.GetProperty("alert").GetProperty("metric").GetString().ShouldBe(MetricCatalog.BacklogSize);
        signature.ShouldBe("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Encoding.UTF8.GetBytes(body))));
    }

    [Fact]
    public async Task Webhook_GivesUp_AfterTheLastRetry()
    {
        await using var receiver = await StartReceiverAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var url = HookUrl(receiver);
        await Engine(url).EvaluateAsync(new Dictionary<string, double?> { [MetricCatalog.BacklogSize] = 5000 }, TestContext.Current.CancellationToken);
        var notifier = new WebhookNotifier(database.ContextFactory(), new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), Options(url), TimeProvider.System);

        for (var i = 0; i < 3; i++)
        {
            await notifier.DeliverDueAsync(TestContext.Current.CancellationToken);
        }

        (await database.ScalarAsync<string>("SELECT status || '/' || attempts || '/' || last_status_code FROM ops.alert_notification")).ShouldBe("failed/3/500");
    }

    /// <summary>Two retries, immediately due, so a test can drive the schedule without waiting.</summary>
    private static IOptions<MonitoringOptions> Options(Uri url) => Microsoft.Extensions.Options.Options.Create(new MonitoringOptions
    {
        WebhookUrl = url,
        WebhookSecret = "s3cret",
        WebhookRetryDelays = [TimeSpan.Zero, TimeSpan.Zero],
    });

    private AlertEngine Engine(Uri url) => new(database.ContextFactory(), Options(url), TimeProvider.System);

    private static Uri HookUrl(WebApplication receiver) =>
        new(receiver.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/hook");

    private static async Task<WebApplication> StartReceiverAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", handle);
        await app.StartAsync();
        return app;
    }
}
