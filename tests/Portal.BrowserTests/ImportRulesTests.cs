using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed class ImportRulesTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_saves_a_new_version_of_the_matching_thresholds_and_an_invalid_one_is_refused()
    {
        // An import with recorded scores, so that saving thresholds first shows how its rows would split.
        await App.Database.ExecuteAsync("""
            WITH import AS (
                INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by)
                VALUES ('rules.csv', 'x', 1, false, 2, 'test') RETURNING id)
            INSERT INTO public.backfill_log (id, import_id, row_number, source_row_hash, resolution_status, match_type, match_confidence, actions_taken)
            SELECT gen_random_uuid(), import.id, n, 'rules-' || n, s, m, c, a::jsonb FROM import, (VALUES
                (1, 'initialized', 'fuzzy', 0.91, '{"company": {"match_type": "fuzzy", "confidence": 0.91}, "person": {"match_type": "perfect", "confidence": 1}}'),
                (2, 'unresolved', 'review', 0.85, '{"company": {"match_type": "review", "confidence": 0.85}}')) AS r(n, s, m, c, a)
            """);
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
        // Not saved yet: first the split of the latest import under the edited thresholds, then save to confirm.
        await Expect(page.GetByTestId("threshold-split")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("settings-history")).Not.ToContainTextAsync("fewer false company matches");
        await page.GetByTestId("settings-save").ClickAsync();

        await Expect(page.GetByTestId("settings-version")).ToContainTextAsync($"saved by {PortalApp.AdminEmail}");
        await Expect(page.GetByTestId("settings-history")).ToContainTextAsync("fewer false company matches");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("0\\.92"));
        ShouldHaveNoBrowserErrors();
    }
}
