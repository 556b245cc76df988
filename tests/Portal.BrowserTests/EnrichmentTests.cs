using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

/// <summary>The Enrichment page over the demo data, whose last searches went through the simulated provider.</summary>
public sealed partial class EnrichmentTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task ReEnrichment_wizard_previews_confirms_shows_progress_and_cancels_keeping_finished_work()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/enrichment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Re-enrichment" }).ClickAsync();

        await page.Locator("input[name=batchSize]").FillAsync("1");
        await page.Locator("input[name=batchSize]").PressAsync("Tab");
        await page.Locator("input[name=delayMs]").FillAsync("1500");
        await page.Locator("input[name=delayMs]").PressAsync("Tab");
        await page.GetByTestId("wizard-preview").ClickAsync();
        await Expect(page.GetByTestId("wizard-count")).ToHaveTextAsync(Count());
        var count = long.Parse((await page.GetByTestId("wizard-count").TextContentAsync())!.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        count.ShouldBeGreaterThan(3);
        await Expect(page.GetByTestId("wizard-calls")).ToHaveTextAsync(count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByTestId("wizard-start").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        var progress = page.GetByTestId("wizard-progress");
        await Expect(progress).ToBeVisibleAsync();
        await Expect(page.GetByTestId("wizard-succeeded")).ToContainTextAsync(new Regex(@"Succeeded [1-9]"), new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("wizard-elapsed")).ToContainTextAsync("Elapsed");
        await Expect(page.GetByTestId("wizard-done")).ToContainTextAsync($"/ {count}");

        await page.GetByTestId("wizard-cancel").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Stop it" }).ClickAsync();
        await Expect(progress.Locator(".run-status")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("wizard-skipped")).ToContainTextAsync(new Regex(@"Skipped [1-9]"));

        await using var db = App.Database.CreateContext();
        var run = await db.JobRuns.OrderByDescending(r => r.Id).FirstAsync(r => r.JobName == "re-enrich-backfill", TestContext.Current.CancellationToken);
        var items = await db.EnrichmentItems.Where(i => i.BackfillRunId == run.Id).GroupBy(i => i.Status).ToDictionaryAsync(g => g.Key, g => g.Count(), TestContext.Current.CancellationToken);
        items.GetValueOrDefault("skipped").ShouldBeGreaterThan(0);
        (items.GetValueOrDefault("completed") + items.GetValueOrDefault("failed")).ShouldBeGreaterThan(0); // finished work is kept
        items.Values.Sum().ShouldBe((int)count);
        ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Retry_now_on_a_selection_in_the_retry_ledger_makes_it_due_and_is_audited()
    {
        await using (var setup = App.Database.CreateContext())
        {
            // Demo failures are retried by the worker after a minute; hold one back so it is still in the ledger.
            await setup.Database.ExecuteSqlRawAsync(
                "UPDATE enrichment.enrichment_item SET next_attempt_at = now() + interval '1 hour' WHERE id = (SELECT min(id) FROM enrichment.enrichment_item WHERE status = 'failed')",
                TestContext.Current.CancellationToken);
        }

        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/enrichment");
        await page.GetByTestId("ledger-status").ClickAsync();
        await page.Locator(".rz-dropdown-item:visible").GetByText("failed", new() { Exact = true }).ClickAsync();
        var rows = page.GetByTestId("ledger-grid").Locator("tbody tr.rz-data-row");
        await Expect(rows.First).ToBeVisibleAsync();
        var select = rows.First.Locator("[data-testid^=select-]");
        var id = long.Parse((await select.GetAttributeAsync("data-testid"))!["select-".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await select.ClickAsync();
        await Expect(page.GetByTestId("ledger-retry")).ToContainTextAsync("Retry now (1)");
        await page.GetByTestId("ledger-retry").ClickAsync();
        await Expect(page.Locator(".rz-notification")).ToContainTextAsync("Retried 1 of 1 items");

        await using var db = App.Database.CreateContext();
        var item = await db.EnrichmentItems.SingleAsync(i => i.Id == id, TestContext.Current.CancellationToken);
        (item.Status != "failed" || item.NextAttemptAt <= DateTimeOffset.UtcNow.AddMinutes(2)).ShouldBeTrue($"item {id} is {item.Status}, next try {item.NextAttemptAt}");
        (await db.AuditLog.CountAsync(a => a.Action == "enrichment.retry_now" && a.TargetId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken)).ShouldBe(1);
        ShouldHaveNoBrowserErrors();
    }

    [GeneratedRegex(@"^[\d,]+$")]
    private static partial Regex Count();
}
