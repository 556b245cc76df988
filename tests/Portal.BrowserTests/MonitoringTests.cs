using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed partial class MonitoringTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Dashboard_shows_tiles_and_charts_an_alert_is_acknowledged_and_drills_down_to_its_runs()
    {
        // A failed import in the last 24 hours breaks the "Failed legacy imports" rule once metrics are collected.
        await App.Database.ExecuteAsync("""
            INSERT INTO ops.job_run (job_name, trigger_source, triggered_by, dry_run, status, exclusive, done, recoveries, started_at, finished_at, error)
            VALUES ('import-legacy-backfill', 'user', 'admin@test.local', false, 'failed', true, 0, 0, now() - interval '5 minutes', now() - interval '4 minutes', 'upload missing');
            """);
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/");
        var trigger = await page.APIRequest.PostAsync("/api/jobs/collect-metrics/trigger", new() { DataObject = new { } });
        trigger.Status.ShouldBe(202, await trigger.TextAsync());
        var runId = (await trigger.JsonAsync())!.Value.GetProperty("runId").GetInt64();
        await WaitForRunAsync(page, runId);

        // Tiles, charts and the banner from the demo data and the collected metrics.
        await Ui.GotoAsync(page, "/");
        await Expect(page.GetByTestId("alert-banner")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi-fill-CEO")).ToContainTextAsync(PercentPattern());
        await Expect(page.GetByTestId("kpi-running")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("metric-chart").First.Locator("svg path").First).ToBeAttachedAsync();
        (await page.GetByTestId("metric-chart").CountAsync()).ShouldBe(3);

        // Acknowledge with a comment.
        var alerts = page.GetByTestId("alerts-grid");
        var row = alerts.Locator("tr", new() { HasText = "Failed legacy imports" });
        await row.GetByTestId("ack-alert").ClickAsync();
        var dialog = page.Locator(".rz-dialog");
        await dialog.GetByTestId("reason").FillAsync("re-uploading the file");
        await dialog.GetByTestId("confirm-reason").ClickAsync();
        await Expect(row).ToContainTextAsync("acknowledged by admin@test.local: re-uploading the file");
        // An acknowledged alert is handled: the banner on every page no longer shows it.
        await Ui.GotoAsync(page, "/");
        await Expect(alerts.Locator("tr", new() { HasText = "acknowledged by" })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=alert-banner]", new() { HasText = "Failed legacy imports" })).ToHaveCountAsync(0);

        // Drill down: alert → metric chart → the runs behind the number.
        await row.GetByTestId("alert-link").ClickAsync();
        await Expect(page.GetByTestId("metric-title")).ToHaveTextAsync("Failed imports (24 h)");
        await Expect(page.GetByTestId("metric-now")).ToHaveTextAsync("1");
        await page.GetByTestId("drill-down").ClickAsync();
        await page.WaitForURLAsync(new Regex("runs\\?job=import-legacy-backfill&status=failed"));
        await Expect(page.Locator("[data-testid=runs-grid] tbody tr")).ToHaveCountAsync(1);
        ShouldHaveNoBrowserErrors();
    }

    private static async Task WaitForRunAsync(IPage page, long runId)
    {
        for (var i = 0; i < 100; i++)
        {
            var run = await (await page.APIRequest.GetAsync($"/api/runs/{runId}")).JsonAsync();
            if (run!.Value.GetProperty("run").GetProperty("status").GetString() is "succeeded")
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Run {runId} did not succeed.");
    }

    [GeneratedRegex(@"\d+\.\d%")]
    private static partial Regex PercentPattern();
}
