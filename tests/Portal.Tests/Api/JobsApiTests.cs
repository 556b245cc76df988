using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Portal.Tests.Api;

public sealed class JobsApiTests(PortalApp app)
{
    [Fact]
    public async Task Trigger_ThenPoll_ShowsTheRunSucceedWithItsSummary()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);

        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 5, delayMs = 10 } }, TestContext.Current.CancellationToken);
        trigger.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        trigger.Headers.Location!.OriginalString.ShouldBe($"/api/runs/{runId}");

        var run = await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() is "succeeded" or "failed" or "cancelled");

        run.GetProperty("status").GetString().ShouldBe("succeeded");
        run.GetProperty("summary").GetProperty("counted").GetInt64().ShouldBe(5);
        run.GetProperty("triggeredBy").GetString().ShouldBe(PortalApp.OperatorEmail);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action = 'job.triggered' AND target_id = 'demo-count' AND actor = '{PortalApp.OperatorEmail}'"))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Cancel_StopsARunningRun()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 10000, delayMs = 20 } }, TestContext.Current.CancellationToken);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        await RunsApi.PollAsync(client, runId, r => r.GetProperty("done").GetInt64() > 0);

        (await client.PostAsync($"/api/runs/{runId}/cancel", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var run = await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() != "running");

        run.GetProperty("status").GetString().ShouldBe("cancelled");
        run.GetProperty("done").GetInt64().ShouldBeLessThan(10000);
        (await client.PostAsync($"/api/runs/{runId}/cancel", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task BadInput_GetsProblemDetails()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);

        var unknownJob = await client.PostAsJsonAsync("/api/jobs/no-such-job/trigger", new { }, TestContext.Current.CancellationToken);
        var badFilter = await client.GetAsync("/api/runs?status=exploded", TestContext.Current.CancellationToken);
        var unknownRun = await client.GetAsync("/api/runs/999999999", TestContext.Current.CancellationToken);

        unknownJob.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownJob.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await unknownJob.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("no-such-job");
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badFilter.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("exploded");
        unknownRun.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Runs_AreFilteredByJobAndStatus()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 1, delayMs = 0 } }, TestContext.Current.CancellationToken);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();
        await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() == "succeeded");

        var succeeded = await client.GetFromJsonAsync<JsonElement>("/api/runs?job=demo-count&status=succeeded&take=500", TestContext.Current.CancellationToken);
        var failed = await client.GetFromJsonAsync<JsonElement>("/api/runs?job=demo-count&status=failed&take=500", TestContext.Current.CancellationToken);

        succeeded.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldContain(runId);
        succeeded.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("status").GetString() == "succeeded");
        failed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldNotContain(runId);
    }
}
