using System.Collections.Concurrent;
using Microsoft.Playwright;
using Shouldly;

namespace Portal.BrowserTests;

/// <summary>
/// A test with its own browser contexts (one per signed-in person). Collects console errors and uncaught
/// page errors; on failure saves a screenshot of every page and prints the end of the portal's log.
/// </summary>
public abstract class BrowserTest(PortalApp app) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<IPage> pages = [];
    private readonly ConcurrentQueue<string> failedResponses = new();

    protected PortalApp App => app;

    /// <summary>Console messages of type error and uncaught exceptions, from every page of this test.</summary>
    protected ConcurrentQueue<string> BrowserErrors { get; } = new();

    /// <summary>A new browser context with one page; signed in as the bootstrap admin when <paramref name="asAdmin"/>.</summary>
    protected async Task<IPage> NewPageAsync(bool asAdmin)
    {
        var context = await app.Browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl.ToString(),
            StorageState = asAdmin ? await app.AdminStorageStateAsync() : null,
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(Ui.FlagPrerenderedElements);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        pages.Add(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                BrowserErrors.Enqueue($"console error on {page.Url}: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => BrowserErrors.Enqueue($"page error on {page.Url}: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failedResponses.Enqueue($"{response.Status} {response.Request.Method} {response.Url} (page {page.Url})");
            }
        };
        return page;
    }

    protected void ShouldHaveNoBrowserErrors() =>
        BrowserErrors.ShouldBeEmpty("browser errors:" + Environment.NewLine + string.Join(Environment.NewLine, BrowserErrors));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await SaveDiagnosticsAsync();
        }

        foreach (var context in contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private async Task SaveDiagnosticsAsync()
    {
        var output = TestContext.Current.TestOutputHelper;
        var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Split(Path.GetInvalidFileNameChars()));
        for (var i = 0; i < pages.Count; i++)
        {
            var file = Path.Combine(PortalApp.ArtifactsDirectory, $"{name}-{i}.png");
            try
            {
                await pages[i].ScreenshotAsync(new() { Path = file, FullPage = true });
                await File.WriteAllTextAsync(Path.ChangeExtension(file, ".html"), await pages[i].ContentAsync());
                output?.WriteLine($"page {i} at {pages[i].Url}: screenshot {file}");
            }
            catch (PlaywrightException ex)
            {
                output?.WriteLine($"page {i}: no screenshot ({ex.Message})");
            }
        }

        foreach (var error in BrowserErrors)
        {
            output?.WriteLine(error);
        }

        foreach (var response in failedResponses)
        {
            output?.WriteLine($"HTTP {response}");
        }

        var log = App.Output.Split(Environment.NewLine);
        output?.WriteLine("--- portal output (last 80 lines) ---");
        output?.WriteLine(string.Join(Environment.NewLine, log.TakeLast(80)));
    }
}
