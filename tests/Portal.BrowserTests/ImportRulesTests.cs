using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed class ImportRulesTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_saves_a_new_version_of_the_matching_thresholds_and_an_invalid_one_is_refused()
    {
        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/settings");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Import rules" }).ClickAsync();
        await page.GetByTestId("settings-document").ClickAsync();
        await page.Locator(".rz-dropdown-item").Filter(new() { HasText = "Matching thresholds" }).ClickAsync();
        var editor = page.GetByTestId("settings-json");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("companyAutoMatch"));

        await editor.FillAsync("""{ "companyAutoMatch": 0.8, "companyReview": 0.95 }""");
        await page.GetByTestId("settings-save").ClickAsync();
        await Expect(page.GetByTestId("settings-error")).ToContainTextAsync("review threshold");

        await editor.FillAsync("""{ "companyAutoMatch": 0.92, "companyReview": 0.8, "personAutoMatch": 0.88, "personReview": 0.75, "titleTieBreak": 0.75 }""");
        await page.GetByTestId("settings-comment").FillAsync("fewer false company matches");
        await page.GetByTestId("settings-save").ClickAsync();

        await Expect(page.GetByTestId("settings-version")).ToContainTextAsync($"saved by {PortalApp.AdminEmail}");
        await Expect(page.GetByTestId("settings-history")).ToContainTextAsync("fewer false company matches");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("0\\.92"));
        ShouldHaveNoBrowserErrors();
    }
}
