using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed class BackfillTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Upload_preview_run_then_resolve_one_review_item_by_shortcut_and_the_rest_in_bulk()
    {
        await App.Database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-BROWSER', 'Browserco', 'browserco.test');
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title) VALUES
              ('P-ROBERT', 'C-BROWSER', 'Robert Johnson', 'Robert', 'Johnson', 'CFO'),
              ('P-MARGARET', 'C-BROWSER', 'Margaret Hamilton', 'Margaret', 'Hamilton', 'CTO');
            """);
        var csv = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, """
            Company,Domain,Name,Job Title,Email
            Browserco,browserco.test,Bob Johnson,VP Finance,bob@gmail.com
            Browserco,browserco.test,Meg Hamilton,Head of Engineering,meg@gmail.com
            "BRAND NEW CO, INC.",https://www.brandnew.test/about,Mr. NEW PERSON,v.p. of hr operations,new@brandnew.test
            Too,Few
            """, TestContext.Current.CancellationToken);
        var page = await NewPageAsync(asAdmin: true);

        try
        {
            await Ui.GotoAsync(page, "/backfills");
            await Expect(page.GetByTestId("drop-zone")).ToBeVisibleAsync();
            await page.GetByTestId("upload-input").SetInputFilesAsync(csv);
        }
        finally
        {
            File.Delete(csv);
        }

        // The preview: headers understood through aliases, rows normalized, the bad row reported; nothing imported yet.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/backfills/\\d+$"));
        await Ui.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("preview-rows")).ToContainTextAsync("Brand New");
        await Expect(page.GetByTestId("preview-rows")).ToContainTextAsync("VP of HR Operations");
        await Expect(page.GetByTestId("validation-report")).ToContainTextAsync("wrong column count");
        await Expect(page.GetByTestId("import-run")).ToHaveCountAsync(0);

        await page.GetByTestId("run-backfill").ClickAsync();
        await Expect(page.GetByTestId("count-processed")).ToHaveTextAsync("4", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("count-unresolved")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("100");
        await Expect(page.GetByTestId("outcomes-grid")).ToContainTextAsync("wrong column count");

        // Review: the first item is selected; "1" links it to its first candidate.
        await page.GetByTestId("count-unresolved").GetByRole(AriaRole.Link).ClickAsync();
        await Ui.WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("review-grid").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("review-detail")).ToContainTextAsync("Bob Johnson");
        await Expect(page.GetByTestId("candidate-1")).ToContainTextAsync("Robert Johnson");
        await page.Locator("body").PressAsync("1");
        await Expect(page.GetByTestId("review-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("review-detail")).ToContainTextAsync("Meg Hamilton");

        await page.GetByTestId("bulk-create").ClickAsync();
        var confirm = page.Locator(".rz-dialog");
        await Expect(confirm).ToContainTextAsync("1 open item");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Resolve all" }).ClickAsync();
        await Expect(page.GetByTestId("review-grid")).ToContainTextAsync("Nothing to review");

        (await App.Database.ScalarAsync<string>("SELECT string_agg(resolution, ',' ORDER BY missing_id) FROM garage.missing_parts WHERE resolved"))
            .ShouldBe("linked,created");
        // A reviewer's link of a fuzzy candidate never changes the title: the row's title is kept as a conflict instead.
        (await App.Database.ScalarAsync<string>("SELECT title FROM marketing.people_master WHERE unique_id = 'P-ROBERT'")).ShouldBe("CFO");
        (await App.Database.ScalarAsync<long>("SELECT count(*) FROM backfill_log l, jsonb_array_elements(l.actions_taken -> 'conflicts') c WHERE l.matched_person_id = 'P-ROBERT' AND c ->> 'field' = 'title'")).ShouldBe(1);
        ShouldHaveNoBrowserErrors();
    }
}
