using System.Text.RegularExpressions;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

public sealed partial class NavigationTests(PortalApp app) : BrowserTest(app)
{
    /// <summary>Sidebar link, path, the page's h1.</summary>
    private static readonly (string Link, string Path, string Heading)[] SidebarPages =
    [
        ("Dashboard", "/", "Dashboard"),
        ("Slots", "/slots", "Slots"),
        ("Backfills", "/backfills", "Backfills"),
        ("Review", "/review", "Review"),
        ("Enrichment", "/enrichment", "Enrichment"),
        ("Monitoring", "/monitoring", "Monitoring"),
        ("Jobs", "/jobs", "Jobs"),
        ("Runs", "/runs", "Runs"),
        ("Settings", "/settings", "Settings"),
        ("Audit", "/audit", "Audit log"),
    ];

    [Fact]
    public async Task Admin_signs_in_visits_every_sidebar_page_without_browser_errors_and_signs_out()
    {
        var page = await NewPageAsync(asAdmin: false);

        await Ui.SignInAsync(page, PortalApp.AdminEmail, App.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Uri(App.BaseUrl, "/").ToString());
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("(Admin)");

        // Every page the sidebar offers (the known ones at least), clicked like a person would.
        var texts = (await page.Locator(".rz-sidebar .rz-navigation-item-link .rz-navigation-item-text").AllInnerTextsAsync())
            .Select(t => t.Trim())
            .ToList();
        SidebarPages.Select(p => p.Link).ShouldBeSubsetOf(texts);

        // A marker on window survives only in-app navigation: every sidebar click must stay in the same document.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        foreach (var text in texts)
        {
            var link = Ui.SidebarLink(page, text);
            var href = await link.GetAttributeAsync("href") ?? "";
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(App.BaseUrl, href).ToString());
            var known = SidebarPages.Where(p => p.Link == text).Select(p => p.Heading).FirstOrDefault();
            await (known is null ? Expect(Ui.Heading(page)).ToHaveTextAsync(NotEmpty()) : Expect(Ui.Heading(page)).ToHaveTextAsync(known));
            await Expect(Ui.Heading(page)).ToBeVisibleAsync();
        }

        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("a sidebar click reloaded the page instead of navigating in the circuit");

        // Every known page loaded directly, too (prerendering, then its own circuit).
        foreach (var (_, path, heading) in SidebarPages)
        {
            await Ui.GotoAsync(page, path);
            await Expect(Ui.Heading(page)).ToHaveTextAsync(heading);
        }

        ShouldHaveNoBrowserErrors();

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("signed-in-user")).ToHaveCountAsync(0);
        ShouldHaveNoBrowserErrors();
    }

    [GeneratedRegex(@"/account/login(\?.*)?$")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"\S")]
    private static partial Regex NotEmpty();
}
