using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;

namespace Portal.Tests.Enrichment;

public sealed class EnrichmentApiTests(PortalApp app)
{
    [Theory]
    [InlineData("/api/enrichment/health")]
    [InlineData("/api/enrichment/report")]
    [InlineData("/api/enrichment/backlog")]
    [InlineData("/api/enrichment/items")]
    public async Task Reads_NeedAViewer(string path)
    {
        using var anonymous = app.Anonymous();
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);

        (await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await viewer.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_Report_AndBacklog_DescribeThePipeline()
    {
        await InsertFailedItemAsync();
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);

        var health = await viewer.GetFromJsonAsync<JsonElement>("/api/enrichment/health", TestContext.Current.CancellationToken);
        var report = await viewer.GetFromJsonAsync<JsonElement>("/api/enrichment/report?hours=24", TestContext.Current.CancellationToken);
        var backlog = await viewer.GetFromJsonAsync<JsonElement>("/api/enrichment/backlog", TestContext.Current.CancellationToken);

        health.GetProperty("status").GetString().ShouldBeOneOf("healthy", "warning", "critical");
        health.GetProperty("backlog").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        health.GetProperty("provider").GetProperty("name").GetString().ShouldBe("simulated");
        report.GetProperty("hours").GetInt32().ShouldBe(24);
        report.TryGetProperty("completenessRate", out _).ShouldBeTrue();
        backlog.GetProperty("byStatus").GetProperty("failed").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        backlog.GetProperty("byStage").GetProperty("lookup").GetProperty("FAILED").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        backlog.GetProperty("funnel").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ShouldBe(["items", "lookup", "validate", "apply"]);
        (await viewer.GetAsync("/api/enrichment/report?hours=0", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Process_NeedsAnOperator_AndStartsARun()
    {
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);

        (await viewer.PostAsync("/api/enrichment/process", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var response = await @operator.PostAsync("/api/enrichment/process", null, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Accepted, HttpStatusCode.Conflict);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            response.Headers.Location!.OriginalString.ShouldBe($"/api/runs/{body.GetProperty("runId").GetInt64()}");
        }
        else
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
    }

    [Fact]
    public async Task RetryNow_OnASelection_IsForOperators_ChangesOnlyRetryableItems_AndIsAudited()
    {
        var id = await InsertFailedItemAsync();
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);

        (await viewer.PostAsJsonAsync("/api/enrichment/items/retry", new { ids = new[] { id } }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await @operator.PostAsJsonAsync("/api/enrichment/items/retry", new { ids = Array.Empty<long>() }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var response = await @operator.PostAsJsonAsync("/api/enrichment/items/retry", new { ids = new[] { id, -1 } }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("changed").EnumerateArray().Select(e => e.GetInt64()).ShouldBe([id]);
        await using var db = app.Database.CreateContext();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "enrichment.retry_now" && a.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken);
        audit.Actor.ShouldBe(PortalApp.OperatorEmail);
    }

    [Fact]
    public async Task DeadLetter_RaisesAnAlert_AndReEnrichmentPreviewValidatesItsSelection()
    {
        var id = await InsertFailedItemAsync();
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);

        var response = await @operator.PostAsJsonAsync("/api/enrichment/items/dead-letter", new { ids = new[] { id } }, TestContext.Current.CancellationToken);
        var preview = await @operator.PostAsJsonAsync("/api/enrichment/re-enrichment/preview", new { selection = "failed", batchSize = 10, delayMs = 0 }, TestContext.Current.CancellationToken);
        var invalid = await @operator.PostAsJsonAsync("/api/enrichment/re-enrichment/preview", new { selection = "everything" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM enrichment.enrichment_alert WHERE item_id = {id} AND kind = 'dead_letter'")).ShouldBe(1);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var estimate = await preview.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        estimate.GetProperty("items").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        estimate.GetProperty("providerCalls").GetInt64().ShouldBe(estimate.GetProperty("items").GetInt64());
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    /// <summary>A failed item waiting an hour for its retry, so the worker leaves it alone.</summary>
    private async Task<long> InsertFailedItemAsync()
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO enrichment.enrichment_item (source, company_unique_id, slot_type, status, lookup_status, enrichment_retry_count, next_attempt_at, last_error_class, error_messages)
            VALUES ('slot_backfill', 'API-' || gen_random_uuid(), 'CEO', 'failed', 'FAILED', 1, now() + interval '1 hour', 'timeout', '{"No answer within 10 s."}')
            RETURNING id
            """, connection);
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
