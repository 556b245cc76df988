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
        await UploadAsync(page, csv);

        // The preview: headers understood through aliases, rows normalized, the bad row reported; nothing imported yet.
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

    [Fact]
    public async Task An_import_with_conflicts_shows_them_beside_the_kept_values_and_a_confirmed_revert_restores_the_record()
    {
        await App.Database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-KEEP', 'Keepco', 'keepco.test');
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title, email) VALUES
              ('P-PIA-K', 'C-KEEP', 'Pia Khan', 'Pia', 'Khan', 'Controller', 'pia.khan@keepco.test'),
              ('P-LEE-K', 'C-KEEP', 'J. Lee', 'J.', 'Lee', NULL, 'jlee@gmail.com');
            """);
        var csv = Path.Combine(Path.GetTempPath(), $"conflicts-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, """
            company_name,company_domain,full_name,title,email
            Keepco,keepco.test,Pia Khae,Finance Director,pia.khan@keepco.test
            Keepco,keepco.test,Jordan Lee,VP People,jlee@gmail.com
            """, TestContext.Current.CancellationToken);
        var page = await NewPageAsync(asAdmin: true);
        await UploadAsync(page, csv);
        await page.GetByTestId("run-backfill").ClickAsync();
        await Expect(page.GetByTestId("count-processed")).ToHaveTextAsync("2", new() { Timeout = 30_000 });

        // Pia's name is kept against a typo (exact email match: her title may change); Lee's fuller name is taken.
        var grid = page.GetByTestId("outcomes-grid");
        await Expect(grid.GetByTestId("row-conflict").First).ToContainTextAsync("kept “Pia Khan”, not taken “Pia Khae”");
        await Expect(grid.GetByTestId("row-change").Filter(new() { HasText = "Jordan Lee" }).First).ToContainTextAsync("“J. Lee” → “Jordan Lee”");
        (await App.Database.ScalarAsync<string>("SELECT full_name || '/' || title FROM marketing.people_master WHERE unique_id = 'P-PIA-K'")).ShouldBe("Pia Khan/Finance Director");

        // The reviewer knows better: Pia's last name is Khae after all. Taken, it is a hand correction that the revert leaves.
        await grid.GetByTestId("row-conflict").Filter(new() { HasText = "last_name" }).GetByTestId("take-conflict").ClickAsync();
        await page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Use it" }).ClickAsync();
        await Expect(grid.GetByTestId("row-conflict").Filter(new() { HasText = "last_name" })).ToContainTextAsync("taken by");
        (await App.Database.ScalarAsync<string>("SELECT last_name || '/' || (manual_overrides ? 'last_name') FROM marketing.people_master WHERE unique_id = 'P-PIA-K'")).ShouldBe("Khae/true");

        await page.GetByTestId("revert-import").ClickAsync();
        var confirm = page.Locator(".rz-dialog");
        await Expect(confirm).ToContainTextAsync("Restore every field this import changed");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revert" }).ClickAsync();

        await Expect(page.GetByTestId("reverted-banner")).ToContainTextAsync("Fields restored");
        await Expect(page.GetByTestId("reverted-banner")).ToContainTextAsync("P-PIA-K last_name");
        await Expect(page.GetByTestId("revert-import")).ToHaveCountAsync(0);
        (await App.Database.ScalarAsync<string>("SELECT full_name || '/' || last_name || '/' || title FROM marketing.people_master WHERE unique_id = 'P-PIA-K'")).ShouldBe("Pia Khan/Khae/Controller");
        (await App.Database.ScalarAsync<string>("SELECT full_name || '/' || coalesce(title, '-') FROM marketing.people_master WHERE unique_id = 'P-LEE-K'")).ShouldBe("J. Lee/-");
        ShouldHaveNoBrowserErrors();
    }

    /// <summary>
    /// Uploads a file from the Backfills page and waits for its import page. The file is kept until then: the browser
    /// reads it while it streams the upload, after the input has taken it.
    /// </summary>
    private static async Task UploadAsync(IPage page, string csv)
    {
        try
        {
            await Ui.GotoAsync(page, "/backfills");
            await Expect(page.GetByTestId("drop-zone")).ToHaveAttributeAsync("data-ready", "true");
            await page.GetByTestId("upload-input").SetInputFilesAsync(csv);
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/backfills/\\d+$"));
            await Ui.WaitForCircuitAsync(page);
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
