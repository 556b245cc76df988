using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Portal.Tests.Monitoring;

/// <summary>Metrics history, alerts (acknowledge, silence) and rules over HTTP, with roles and audit.</summary>
public sealed class MonitoringApiTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricHistory_IsBucketedOverTheRange_AndBadParametersAreRefused()
    {
        await app.Database.ExecuteAsync("""
            DELETE FROM ops.metric_sample WHERE name = 'review_queue_size';
            INSERT INTO ops.metric_sample (name, at, value)
            SELECT 'review_queue_size', date_trunc('minute', now()) - make_interval(mins => m), m FROM generate_series(0, 9) m;
            """);
        var client = await app.SignedInAsync(PortalApp.ViewerEmail);

        var series = await client.GetFromJsonAsync<JsonElement>("/api/metrics?name=review_queue_size&range=24h", Ct);
        var points = series[0].GetProperty("points").EnumerateArray().ToList();
        points.Sum(p => p.GetProperty("value").GetDouble() > 0 ? 1 : 0).ShouldBeGreaterThan(0);
        points.Count.ShouldBeInRange(2, 3);   // ten minutes in 5-minute buckets
        var all = await client.GetFromJsonAsync<JsonElement>("/api/metrics", Ct);
        // The metrics job of the test host may have replaced this minute's sample with the live value since.
        all.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "review_queue_size").GetProperty("latest").ValueKind.ShouldBe(JsonValueKind.Object);

        (await client.GetAsync("/api/metrics?name=review_queue_size&range=1y", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/metrics?name=nonsense", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnAlert_IsAcknowledgedWithAComment_AndSilencedWithAReason_ByAnOperator_Audited()
    {
        // A failed import keeps the condition true while the test host's metrics job evaluates the rule meanwhile.
        await app.Database.ExecuteAsync("""
            INSERT INTO ops.job_run (job_name, trigger_source, dry_run, status, exclusive, done, recoveries, finished_at)
            VALUES ('import-legacy-backfill', 'user', false, 'failed', true, 0, 0, now())
            """);
        var alertId = await app.Database.ScalarAsync<long>("""
            WITH created AS (
                INSERT INTO ops.alert (rule_id, metric, severity, state, value, threshold, started_at, fired_at, firing_notified, updated_at)
                VALUES (8, 'backfill_failed_runs_24h', 'warning', 'firing', 1, 0, now(), now(), false, now())
                ON CONFLICT (rule_id) WHERE state IN ('pending', 'firing') DO NOTHING RETURNING id)
            SELECT id FROM created UNION ALL SELECT id FROM ops.alert WHERE rule_id = 8 AND state IN ('pending', 'firing') LIMIT 1
            """);
        var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        var operatorClient = await app.SignedInAsync(PortalApp.OperatorEmail);

        var firing = await viewer.GetFromJsonAsync<JsonElement>("/api/alerts?state=firing", Ct);
        firing.GetProperty("items").EnumerateArray().ShouldContain(a => a.GetProperty("id").GetInt64() == alertId);
        (await viewer.PostAsJsonAsync($"/api/alerts/{alertId}/ack", new { comment = "looking" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorClient.PostAsJsonAsync($"/api/alerts/{alertId}/ack", new { comment = " " }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await operatorClient.PostAsJsonAsync("/api/alerts/999999/ack", new { comment = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await operatorClient.PostAsJsonAsync($"/api/alerts/{alertId}/ack", new { comment = "re-running the import" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await operatorClient.PostAsJsonAsync($"/api/alerts/{alertId}/silence", new { until = DateTimeOffset.UtcNow.AddHours(2), reason = "known issue" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await operatorClient.PostAsJsonAsync($"/api/alerts/{alertId}/silence", new { until = DateTimeOffset.UtcNow.AddDays(60), reason = "forever" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var silenced = await viewer.GetFromJsonAsync<JsonElement>("/api/alerts?state=silenced", Ct);
        var alert = silenced.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == alertId);
        alert.GetProperty("acknowledgedBy").GetString().ShouldBe(PortalApp.OperatorEmail);
        alert.GetProperty("acknowledgeComment").GetString().ShouldBe("re-running the import");
        alert.GetProperty("silenceReason").GetString().ShouldBe("known issue");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE target_type = 'alert' AND target_id = '{alertId}' AND action IN ('alert.acknowledged', 'alert.silenced')")).ShouldBe(2);
    }

    [Fact]
    public async Task Rules_AreEditedByAdminsOnly_ValidatedAndAudited_WithAWouldItFirePreview()
    {
        await app.Database.ExecuteAsync("INSERT INTO ops.metric_sample (name, at, value) VALUES ('enrichment_quality_score', date_trunc('minute', now()), 72) ON CONFLICT (name, at) DO UPDATE SET value = 72");
        var operatorClient = await app.SignedInAsync(PortalApp.OperatorEmail);
        var admin = await app.SignedInAsync(PortalApp.AdminEmail);

        (await operatorClient.PutAsJsonAsync("/api/alert-rules/2", new { warningThreshold = 75.0, criticalThreshold = 50.0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PutAsJsonAsync("/api/alert-rules/2", new { warningThreshold = 50.0, criticalThreshold = 75.0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var preview = await (await admin.PostAsJsonAsync("/api/alert-rules/2/preview", new { warningThreshold = 75.0, criticalThreshold = 50.0 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        preview.GetProperty("wouldFire").GetBoolean().ShouldBeTrue();
        preview.GetProperty("severity").GetString().ShouldBe("warning");
        var quiet = await (await admin.PostAsJsonAsync("/api/alert-rules/2/preview", new { warningThreshold = 70.0, criticalThreshold = 50.0 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        quiet.GetProperty("wouldFire").GetBoolean().ShouldBeFalse();

        (await admin.PutAsJsonAsync("/api/alert-rules/2", new { warningThreshold = 75.0, criticalThreshold = 50.0, forMinutes = 10 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var rules = await admin.GetFromJsonAsync<JsonElement>("/api/alert-rules", Ct);
        var rule = rules.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == 2);
        (rule.GetProperty("warningThreshold").GetDouble(), rule.GetProperty("forMinutes").GetInt32(), rule.GetProperty("updatedBy").GetString()).ShouldBe((75.0, 10, PortalApp.AdminEmail));
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM shq.audit_log WHERE action = 'alert_rule.changed' AND target_id = '2'")).ShouldBe(1);
    }
}
