using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed class JobScheduleTests(PortalApp app) : BrowserTest(app)
{
    private const string Purge = "purge-run-history";

    [Fact]
    public async Task Operator_pauses_a_schedule_with_a_reason_and_resumes_it()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/jobs");
        var reason = $"provider maintenance {Guid.NewGuid():N}"[..40];

        await page.GetByTestId($"pause-{Purge}").ClickAsync();
        var dialog = page.Locator(".rz-dialog");
        await dialog.GetByTestId("confirm-reason").ClickAsync();
        await Expect(dialog).ToContainTextAsync("A reason is required.");
        await dialog.GetByTestId("reason").FillAsync(reason);
        await dialog.GetByTestId("confirm-reason").ClickAsync();

        var paused = page.GetByTestId($"paused-{Purge}");
        await Expect(paused).ToContainTextAsync(reason);
        await Expect(paused).ToContainTextAsync(PortalApp.AdminEmail);

        await page.GetByTestId($"pause-{Purge}").ClickAsync();
        await dialog.GetByTestId("reason").FillAsync("maintenance finished");
        await dialog.GetByTestId("confirm-reason").ClickAsync();
        await Expect(paused).ToHaveCountAsync(0);

        await using var db = App.Database.CreateContext();
        var audited = await db.AuditLog.Where(a => a.TargetId == Purge && (a.Action == "job.paused" || a.Action == "job.resumed"))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        audited.ShouldBe(["job.paused", "job.resumed"]);
        ShouldHaveNoBrowserErrors();
    }

    [Fact]
    public async Task Admin_cannot_save_an_invalid_cron_and_saves_a_valid_one()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/jobs");

        await page.GetByTestId($"schedule-{Purge}").ClickAsync();
        var dialog = page.Locator(".rz-dialog");
        var cron = dialog.GetByTestId("cron");
        await cron.FillAsync("0 0 25 * * ?");
        await Expect(dialog.GetByTestId("cron-check")).ToContainTextAsync("Not a valid cron expression");
        await Expect(dialog.GetByTestId("save-schedule")).ToBeDisabledAsync();

        await cron.FillAsync("0 10 5 * * ?");
        await Expect(dialog.GetByTestId("cron-check")).ToHaveTextAsync("every day at 05:10");
        await dialog.GetByTestId("save-schedule").ClickAsync();

        await Expect(page.GetByTestId("jobs-grid")).ToContainTextAsync("every day at 05:10");
        ShouldHaveNoBrowserErrors();
    }
}
