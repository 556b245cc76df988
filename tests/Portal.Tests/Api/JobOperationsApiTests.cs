using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Portal.Tests.Api;

public sealed class JobOperationsApiTests(PortalApp app)
{
    private const string Purge = "purge-run-history";

    [Fact]
    public async Task PauseAndResume_NeedAReason_ShowInTheJobList_AndAreAudited()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var (pauseReason, resumeReason) = ($"disk migration {Guid.NewGuid():N}", $"migration done {Guid.NewGuid():N}");

        (await client.PostAsJsonAsync($"/api/jobs/{Purge}/pause", new { reason = "" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"/api/jobs/{Purge}/pause", new { reason = pauseReason }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var paused = await JobAsync(client, Purge);
        (await client.PostAsJsonAsync($"/api/jobs/{Purge}/resume", new { reason = resumeReason }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var resumed = await JobAsync(client, Purge);

        paused.GetProperty("paused").GetBoolean().ShouldBeTrue();
        paused.GetProperty("pauseReason").GetString().ShouldBe(pauseReason);
        paused.GetProperty("pausedBy").GetString().ShouldBe(PortalApp.OperatorEmail);
        resumed.GetProperty("paused").GetBoolean().ShouldBeFalse();
        resumed.GetProperty("nextFire").ValueKind.ShouldBe(JsonValueKind.String);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE target_id = '{Purge}' AND action = 'job.paused' AND actor = '{PortalApp.OperatorEmail}' AND details->>'reason' = '{pauseReason}'"))
            .ShouldBe(1);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE target_id = '{Purge}' AND action = 'job.resumed' AND actor = '{PortalApp.OperatorEmail}' AND details->>'reason' = '{resumeReason}'"))
            .ShouldBe(1);
    }

    [Fact]
    public async Task Schedule_IsAdminOnly_AndRejectsInvalidCron()
    {
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);
        using var admin = await app.SignedInAsync(PortalApp.AdminEmail);

        (await @operator.PutAsJsonAsync($"/api/jobs/{Purge}/schedule", new { cron = "0 0 4 * * ?" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var invalid = await admin.PutAsJsonAsync($"/api/jobs/{Purge}/schedule", new { cron = "0 0 25 * * ?" }, TestContext.Current.CancellationToken);
        var valid = await admin.PutAsJsonAsync($"/api/jobs/{Purge}/schedule", new { cron = "0 45 2 * * ?" }, TestContext.Current.CancellationToken);

        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Not a valid cron expression");
        valid.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var job = await JobAsync(admin, Purge);
        job.GetProperty("cron").GetString().ShouldBe("0 45 2 * * ?");
        job.GetProperty("schedule").GetString().ShouldBe("every day at 02:45");
    }

    [Fact]
    public async Task FailedRun_CanBeRetried_AndDeletedOnlyByAnAdmin()
    {
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);
        using var admin = await app.SignedInAsync(PortalApp.AdminEmail);
        var trigger = await @operator.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = -1 } }, TestContext.Current.CancellationToken);
        var failedId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        await RunsApi.PollAsync(@operator, failedId, r => r.GetProperty("status").GetString() == "failed");

        var retry = await @operator.PostAsync($"/api/runs/{failedId}/retry", null, TestContext.Current.CancellationToken);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var retryId = (await retry.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        var retried = await RunsApi.PollAsync(@operator, retryId, r => r.GetProperty("status").GetString() == "failed");

        retried.GetProperty("triggerSource").GetString().ShouldBe("retry");
        (await @operator.DeleteAsync($"/api/runs/{failedId}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.DeleteAsync($"/api/runs/{failedId}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetAsync($"/api/runs/{failedId}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action = 'run.deleted' AND target_id = '{failedId}'")).ShouldBe(1);
    }

    [Fact]
    public async Task Stats_CountSucceededAndFailedRunsPerHourAndDay()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var before = await client.GetFromJsonAsync<JsonElement[]>("/api/runs/stats?job=demo-count&per=hour", TestContext.Current.CancellationToken);
        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 1, delayMs = 0 } }, TestContext.Current.CancellationToken);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() == "succeeded");

        var perHour = await client.GetFromJsonAsync<JsonElement[]>("/api/runs/stats?job=demo-count&per=hour", TestContext.Current.CancellationToken);
        var perDay = await client.GetFromJsonAsync<JsonElement[]>("/api/runs/stats?per=day", TestContext.Current.CancellationToken);

        perHour!.Length.ShouldBe(24);
        perDay!.Length.ShouldBe(30);
        // Other tests finish demo runs meanwhile, so at least one more than before.
        perHour.Sum(b => b.GetProperty("succeeded").GetInt64()).ShouldBeGreaterThanOrEqualTo(before!.Sum(b => b.GetProperty("succeeded").GetInt64()) + 1);
        perDay[^1].GetProperty("succeeded").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        (await client.GetAsync("/api/runs/stats?per=week", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<JsonElement> JobAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/jobs", TestContext.Current.CancellationToken))!.Single(j => j.GetProperty("name").GetString() == name);
}
