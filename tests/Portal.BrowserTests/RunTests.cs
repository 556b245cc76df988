using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portal.Domain.Runs;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed partial class RunTests(PortalApp app) : BrowserTest(app)
{
    /// <summary>Records every distinct text of the run's done counter, as the circuit pushes it into the same document.</summary>
    private const string RecordDoneTexts = """
        () => {
            window.__doneTexts = [];
            const record = () => {
                const el = document.querySelector('[data-testid=run-done]');
                const text = el ? el.textContent.trim() : null;
                if (text && window.__doneTexts[window.__doneTexts.length - 1] !== text) window.__doneTexts.push(text);
            };
            record();
            new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    [Fact]
    public async Task Triggered_demo_run_shows_live_progress_until_it_succeeds()
    {
        var page = await NewPageAsync(asAdmin: true);
        var runId = await TriggerDemoAsync(page, count: 20, delayMs: 150);

        await page.EvaluateAsync(RecordDoneTexts);
        await Expect(page.GetByTestId("run-done")).ToHaveTextAsync("20 / 20", new() { Timeout = 20_000 });
        await Expect(page.Locator(".run-status")).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(page.GetByTestId("cancel-run")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("run-progress")).ToContainTextAsync("100");

        // Undefined after a reload: the values arrived over the circuit, not by reloading.
        var seen = await page.EvaluateAsync<string[]?>("() => window.__doneTexts");
        seen.ShouldNotBeNull();
        // Before the run starts the counter shows a bare "0" (no total yet).
        var counts = seen.SkipWhile(t => t == "0").Select(ParseDone).ToArray();
        counts.ShouldAllBe(c => c.Total == 20, string.Join(", ", seen));
        var done = counts.Select(c => c.Done).ToArray();
        done.ShouldBeInOrder(SortDirection.Ascending, string.Join(", ", seen));
        done[^1].ShouldBe(20);
        done.Count(d => d is > 0 and < 20).ShouldBeGreaterThanOrEqualTo(2, $"expected several intermediate values, saw {string.Join(", ", seen)}");

        await using var db = App.Database.CreateContext();
        var run = await db.JobRuns.SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        run.Status.ShouldBe(RunStatus.Succeeded);
        run.Done.ShouldBe(20);
        ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Cancelling_a_long_demo_run_stops_it_part_way()
    {
        var page = await NewPageAsync(asAdmin: true);
        var runId = await TriggerDemoAsync(page, count: 1000, delayMs: 200);

        // Running and past the first steps.
        await Expect(page.Locator(".run-status")).ToHaveAttributeAsync("data-status", "running");
        await Expect(page.GetByTestId("run-done")).ToHaveTextAsync(DoneBetweenOneAndThousand());

        await page.GetByTestId("cancel-run").ClickAsync();
        var confirm = page.Locator(".rz-dialog");
        await Expect(confirm).ToContainTextAsync("Stop this run?");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Stop it" }).ClickAsync();

        await Expect(page.Locator(".run-status")).ToHaveAttributeAsync("data-status", "cancelled", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("cancel-run")).ToHaveCountAsync(0);
        var shown = ParseDone(await page.GetByTestId("run-done").InnerTextAsync());
        shown.Total.ShouldBe(1000);
        shown.Done.ShouldBeInRange(1, 999);

        await using var db = App.Database.CreateContext();
        var run = await db.JobRuns.SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        run.Status.ShouldBe(RunStatus.Cancelled);
        run.FinishedAt.ShouldNotBeNull();
        run.CancelRequestedBy.ShouldBe(PortalApp.AdminEmail);
        run.Done.ShouldBeLessThan(1000);

        // The runs list finds it through the status filter (a Radzen dropdown that rewrites the URL).
        await Ui.GotoAsync(page, "/runs");
        var rows = page.GetByTestId("runs-grid").Locator("tbody tr.rz-data-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await page.GetByTestId("filter-status").ClickAsync();
        await page.Locator(".rz-dropdown-item").Filter(new() { HasTextRegex = CancelledItem() }).ClickAsync();
        await Expect(page).ToHaveURLAsync(StatusCancelledUrl());
        await Expect(rows.Filter(new() { Has = page.Locator($"a[href='runs/{runId}']") })).ToHaveCountAsync(1);
        await Expect(rows.Locator(".run-status:not([data-status=cancelled])")).ToHaveCountAsync(0);
        ShouldHaveNoBrowserErrors();
    }

    /// <summary>Triggers demo-count from the Jobs page's dialog; returns the run id of the run page it lands on.</summary>
    private async Task<long> TriggerDemoAsync(IPage page, int count, int delayMs)
    {
        await Ui.GotoAsync(page, "/jobs");
        await page.GetByTestId("trigger-demo-count").ClickAsync();
        var dialog = page.Locator(".rz-dialog");
        await Expect(dialog).ToContainTextAsync("Trigger: Demo: count slowly");
        await dialog.GetByTestId("param-count").FillAsync(count.ToString(CultureInfo.InvariantCulture));
        await dialog.GetByTestId("param-delayMs").FillAsync(delayMs.ToString(CultureInfo.InvariantCulture));
        await dialog.GetByTestId("start-run").ClickAsync();

        await Expect(page).ToHaveURLAsync(RunUrl());
        var runId = long.Parse(RunUrl().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(Ui.Heading(page)).ToContainTextAsync($"Run {runId}");

        await using var db = App.Database.CreateContext();
        var run = await db.JobRuns.SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        run.JobName.ShouldBe("demo-count");
        run.TriggeredBy.ShouldBe(PortalApp.AdminEmail);
        using var parameters = JsonDocument.Parse(run.Parameters);
        parameters.RootElement.GetProperty("count").GetInt64().ShouldBe(count);
        parameters.RootElement.GetProperty("delayMs").GetInt64().ShouldBe(delayMs);
        return runId;
    }

    private static (long Done, long Total) ParseDone(string text)
    {
        var match = DoneText().Match(text.Trim());
        match.Success.ShouldBeTrue($"'{text}' is not 'done / total'");
        return (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(\d+) / (\d+)$")]
    private static partial Regex DoneText();

    [GeneratedRegex(@"^\s*([1-9]|[1-9]\d|[1-9]\d\d) / 1000\s*$")]
    private static partial Regex DoneBetweenOneAndThousand();

    [GeneratedRegex(@"^\s*cancelled\s*$")]
    private static partial Regex CancelledItem();

    [GeneratedRegex(@"/runs\?(.*&)?status=cancelled")]
    private static partial Regex StatusCancelledUrl();

    [GeneratedRegex(@"/runs/(\d+)$")]
    private static partial Regex RunUrl();
}
