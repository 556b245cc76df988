using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Audit;
using Shouldly;

namespace Portal.Tests.Api;

public sealed class SearchTests(PortalApp app)
{
    [Fact]
    public async Task RunsSearch_FindsTextInParameters_CaseInsensitively_AndTreatsWildcardsLiterally()
    {
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var marker = $"Marker_{Guid.NewGuid():N}";
        var trigger = await client.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 1, delayMs = 0, note = marker } }, TestContext.Current.CancellationToken);
        var runId = (await trigger.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("runId").GetInt64();

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/runs?q={marker.ToUpperInvariant()}", TestContext.Current.CancellationToken);
        var wildcard = await client.GetFromJsonAsync<JsonElement>("/api/runs?q=%25_%25", TestContext.Current.CancellationToken);

        found.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ShouldBe([runId]);
        found.GetProperty("total").GetInt32().ShouldBe(1);
        wildcard.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task AuditSearch_FindsTextInTargetAndDetails()
    {
        var marker = $"reason-{Guid.NewGuid():N}";
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        await client.PostAsJsonAsync("/api/jobs/purge-run-history/pause", new { reason = marker }, TestContext.Current.CancellationToken);
        await client.PostAsJsonAsync("/api/jobs/purge-run-history/resume", new { reason = "done" }, TestContext.Current.CancellationToken);

        var page = await app.Services.GetRequiredService<AuditService>().SearchAsync(new AuditQuery(Text: marker), TestContext.Current.CancellationToken);

        page.Total.ShouldBe(1);
        page.Items[0].Action.ShouldBe("job.paused");
        page.Items[0].Actor.ShouldBe(PortalApp.OperatorEmail);
    }
}
