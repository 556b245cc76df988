using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Portal.TestSupport;

[assembly: AssemblyFixture(typeof(Portal.BrowserTests.PortalApp))]

// One portal process serves every test; running the tests one after another keeps them independent of each other's runs.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Portal.BrowserTests;

/// <summary>
/// The real portal, started once for the whole assembly as a child process (`dotnet Portal.dll`) from its
/// build output, on a fresh database and a free port, plus one headless Chromium (Debian's, never a download).
/// </summary>
public sealed class PortalApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@test.local";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<string> output = new();
    private readonly SemaphoreSlim adminStateLock = new(1, 1);
    private Process? process;
    private string? adminStorageState;

    public string AdminPassword { get; } = $"Adm-{Convert.ToHexString(RandomNumberGenerator.GetBytes(8))}-pw9";

    public Uri BaseUrl { get; private set; } = default!;

    public TestDatabase Database { get; private set; } = default!;

    public IPlaywright Playwright { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots of failed tests and the portal's log go.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "browser-artifacts");

    /// <summary>The portal's stdout and stderr so far.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    public async ValueTask InitializeAsync()
    {
        if (Directory.Exists(ArtifactsDirectory))
        {
            Directory.Delete(ArtifactsDirectory, recursive: true); // a previous run's screenshots would mislead
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        Assertions.SetDefaultExpectTimeout(10_000);

        Database = await TestDatabase.CreateAsync();
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        StartPortal(port);
        await WaitUntilLiveAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// Cookies of a signed-in admin, for contexts that don't test signing in themselves. Signed in once
    /// (through the form, like a person) to stay well inside the sign-in rate limit.
    /// </summary>
    public async Task<string> AdminStorageStateAsync()
    {
        await adminStateLock.WaitAsync();
        try
        {
            if (adminStorageState is null)
            {
                await using var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl.ToString() });
                await context.AddInitScriptAsync(Ui.FlagPrerenderedElements);
                var page = await context.NewPageAsync();
                await Ui.SignInAsync(page, AdminEmail, AdminPassword);
                adminStorageState = await context.StorageStateAsync();
            }

            return adminStorageState;
        }
        finally
        {
            adminStateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        StopPortal();
        await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, "portal.log"), Output);
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        adminStateLock.Dispose();
    }

    private void StartPortal(int port)
    {
        var portalDll = PortalDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.GetDirectoryName(portalDll)!);

        // Development: static web assets (blazor.web.js, Radzen's _content) come from the build output via its manifest.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("ASPNETCORE_HTTP_PORTS");
        start.Environment["ConnectionStrings__Portal"] = Database.ConnectionString;
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Runs__ProgressWriteInterval"] = "00:00:00.200";
        start.Environment["Backfill__UploadDirectory"] = Path.Combine(Path.GetTempPath(), "portal-browser-tests-" + Database.Name);
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";

        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start dotnet {portalDll}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process!.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode} before answering /health/live:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow first answer
            }

            await Task.Delay(200);
        }

        StopPortal();
        throw new TimeoutException($"The portal did not answer /health/live within {StartupTimeout.TotalSeconds:0} s:{Environment.NewLine}{Output}");
    }

    private void StopPortal()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        process.Dispose();
        process = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The portal's build output for the configuration these tests were built with (PORTAL_DLL overrides).</summary>
    private static string PortalDll()
    {
        if (Environment.GetEnvironmentVariable("PORTAL_DLL") is { Length: > 0 } overridden)
        {
            return File.Exists(overridden) ? Path.GetFullPath(overridden) : throw new FileNotFoundException("PORTAL_DLL does not exist.", overridden);
        }

        var configuration = typeof(PortalApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PortalConfiguration").Value!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var project = Path.Combine(dir.FullName, "src", "Portal");
            if (File.Exists(Path.Combine(project, "Portal.csproj")))
            {
                var dll = Path.Combine(project, "bin", configuration, "net10.0", "Portal.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"Build the portal first (dotnet build -c {configuration}).", dll);
            }
        }

        throw new DirectoryNotFoundException($"No src/Portal above {AppContext.BaseDirectory}.");
    }
}
