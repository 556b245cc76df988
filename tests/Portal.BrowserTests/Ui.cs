using Microsoft.Playwright;
using Shouldly;
using static Microsoft.Playwright.Assertions;

namespace Portal.BrowserTests;

/// <summary>Page helpers shared by the tests.</summary>
public static class Ui
{
    /// <summary>
    /// Runs in every document before its scripts: flags each prerendered element. Blazor does not adopt
    /// prerendered DOM; the circuit's first render replaces it, so an unflagged h1 means the page is live.
    /// </summary>
    public const string FlagPrerenderedElements = """
        document.addEventListener('DOMContentLoaded', () => {
            for (const element of document.querySelectorAll('body *')) element.__prerendered = true;
        });
        """;

    /// <summary>
    /// Loads a page and, for interactive pages, waits until its Blazor circuit has rendered it: before that the
    /// prerendered buttons, inputs and grid headers look ready but ignore clicks and lose typed text.
    /// </summary>
    public static async Task GotoAsync(IPage page, string path, bool interactive = true)
    {
        var response = await page.GotoAsync(path);
        response.ShouldNotBeNull();
        response.Ok.ShouldBeTrue($"GET {path} answered {response.Status}");
        if (interactive)
        {
            await WaitForCircuitAsync(page);
        }
    }

    /// <summary>Waits until the circuit has replaced the prerendered page (see <see cref="FlagPrerenderedElements"/>).</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(
                "() => { const h1 = document.querySelector('h1'); return h1 !== null && h1.__prerendered !== true; }",
                null,
                new() { Timeout = 20_000, PollingInterval = 50 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"No Blazor circuit rendered {page.Url} within 20 s (is /_framework/blazor.web.js served?).", ex);
        }
    }

    public static async Task SubmitSignInAsync(IPage page, string email, string password)
    {
        await GotoAsync(page, "/account/login", interactive: false);
        await page.Locator("input[name=email]").FillAsync(email);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>Signs in through the form and waits for the dashboard's circuit.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await SubmitSignInAsync(page, email, password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(email);
    }

    public static ILocator Heading(IPage page) => page.Locator("h1");

    public static ILocator SidebarLink(IPage page, string text) =>
        page.Locator(".rz-sidebar .rz-navigation-item-link").Filter(new() { Has = page.GetByText(text, new() { Exact = true }) });
}
