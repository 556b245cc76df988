using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

/// <summary>The slot pages over the demo dataset the app seeds on its first start.</summary>
public sealed partial class SlotsTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Overview_shows_fill_rates_against_targets_and_a_dry_run_leads_to_its_run()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/slots");

        foreach (var type in new[] { "CEO", "CFO", "HR" })
        {
            await Expect(page.GetByTestId($"fill-{type}")).ToContainTextAsync(Percent());
        }

        await Expect(page.GetByTestId("fill-CEO")).ToContainTextAsync("target 80%");
        await Expect(page.GetByTestId("slot-status-chart").Locator("svg path").First).ToBeAttachedAsync();
        // The demo data's three evaluation runs are the trend's points.
        await Expect(page.GetByTestId("fill-trend-chart")).ToContainTextAsync("#3");
        await Expect(page.GetByTestId("fill-trend-chart").Locator("svg path").First).ToBeAttachedAsync();

        // Other tests may have added companies to the shared database (imports); the run processes every one.
        var companies = await App.Database.ScalarAsync<long>("SELECT count(*) FROM marketing.company_master");
        await page.GetByTestId("slot-dry-run").ClickAsync();
        await page.GetByTestId("run-slot-evaluation").ClickAsync();
        await Expect(page).ToHaveURLAsync(RunUrl());
        await Expect(page.Locator(".run-status")).ToHaveAttributeAsync("data-status", "succeeded", new() { Timeout = 30_000 });
        var summary = page.GetByTestId("run-summary");
        await Expect(summary.GetByRole(AriaRole.Row, new() { Name = "dryRun true", Exact = true })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Row, new() { Name = $"companiesProcessed {companies}", Exact = true })).ToBeVisibleAsync();
        ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Operator_filters_companies_opens_one_and_corrects_a_title()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/companies?slotType=HR&status=closed_missing");
        var rows = page.GetByTestId("companies-grid").Locator("tbody tr.rz-data-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Locator("td:nth-child(6) [data-slot-status]:not([data-slot-status=closed_missing])")).ToHaveCountAsync(0);

        await page.GetByTestId("company-search").FillAsync("acme");
        await page.GetByTestId("company-search").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("q=acme"));

        await rows.First.Locator("a").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/companies/04\\."));
        await Expect(page.GetByTestId("slot-HR")).ToContainTextAsync("closed missing");
        var personRow = page.GetByTestId("people-grid").Locator("tbody tr.rz-data-row").First;
        var correct = personRow.Locator("[data-testid^=correct-title-]");
        var personId = (await correct.GetAttributeAsync("data-testid"))!["correct-title-".Length..];

        await correct.ClickAsync();
        var dialog = page.Locator(".rz-dialog");
        await dialog.GetByTestId("new-title").FillAsync("Chief People Officer");
        await Expect(dialog.GetByTestId("title-fills")).ToHaveTextAsync("Fills: HR");
        await dialog.GetByTestId("save-title").ClickAsync();

        await Expect(page.GetByTestId($"title-{personId}")).ToHaveTextAsync("Chief People Officer");
        await Expect(page.GetByTestId($"locked-{personId}-title")).ToBeVisibleAsync();
        await using var db = App.Database.CreateContext();
        var person = await db.People.SingleAsync(p => p.UniqueId == personId, TestContext.Current.CancellationToken);
        person.ManuallyCorrectedTitle.ShouldBeTrue();
        (await db.AuditLog.CountAsync(a => a.Action == "person.title_corrected" && a.TargetId == personId, TestContext.Current.CancellationToken)).ShouldBe(1);
        ShouldHaveNoBrowserErrors();
    }

    [GeneratedRegex(@"\d+(\.\d)?%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunUrl();
}
