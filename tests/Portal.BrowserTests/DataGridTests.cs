using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed class DataGridTests(PortalApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Audit_grid_sorts_by_the_clicked_column_both_ways()
    {
        // A failed sign-in adds an entry whose action differs from the admin's sign-in.
        var anonymous = await NewPageAsync(asAdmin: false);
        await Ui.SubmitSignInAsync(anonymous, "nobody@test.local", "Not-the-password-1");
        await Expect(anonymous.GetByTestId("login-error")).ToBeVisibleAsync();

        var page = await NewPageAsync(asAdmin: true);
        await Ui.GotoAsync(page, "/audit");
        var grid = page.GetByTestId("audit-grid");
        var rows = grid.Locator("tbody tr.rz-data-row");
        await Expect(rows.Nth(1)).ToBeVisibleAsync();

        var actionColumn = await ColumnIndexAsync(grid, "Action");
        var actionCells = rows.Locator($"> td:nth-child({actionColumn + 1})");
        await Expect(actionCells.Filter(new() { HasText = "auth.sign_in_failed" }).First).ToBeVisibleAsync();
        var before = (await actionCells.AllInnerTextsAsync()).Select(t => t.Trim()).ToArray();
        before.Distinct().Count().ShouldBeGreaterThan(1, "the sort needs at least two different actions");

        var ascending = before.Order(StringComparer.Ordinal).ToArray();
        var descending = before.OrderDescending(StringComparer.Ordinal).ToArray();
        ascending.ShouldNotBe(descending);

        var header = grid.Locator("thead th").Nth(actionColumn);
        await header.ClickAsync();
        await Expect(actionCells).ToHaveTextAsync(ascending);
        await header.ClickAsync();
        await Expect(actionCells).ToHaveTextAsync(descending);
        ShouldHaveNoBrowserErrors();
    }

    private static async Task<int> ColumnIndexAsync(ILocator grid, string title)
    {
        var titles = (await grid.Locator("thead th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var index = titles.FindIndex(t => t.StartsWith(title, StringComparison.Ordinal));
        index.ShouldBeGreaterThanOrEqualTo(0, $"no '{title}' column in: {string.Join(" | ", titles)}");
        return index;
    }
}
