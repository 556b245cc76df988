using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Identity;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Tests;

/// <summary>
/// The real portal on Kestrel (a real socket, not the in-memory test server) over a fresh, migrated
/// test database, with one user per role.
/// </summary>
public class PortalApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Test-Password-2026";
    public const string AdminEmail = "admin@test.local";
    public const string OperatorEmail = "operator@test.local";
    public const string ViewerEmail = "viewer@test.local";

    /// <summary>The upload limit the tests run with (small, so that exceeding it is cheap).</summary>
    public const int MaxUploadBytes = 2_000_000;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>This host's own upload store, so parallel test hosts never share import files.</summary>
    public string UploadDirectory { get; } = Path.Combine(Path.GetTempPath(), "portal-tests-" + Guid.NewGuid().ToString("N"));

    public Uri ServerAddress { get; private set; } = null!;

    protected virtual int SignInAttemptsPerMinute => 10_000;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(migrate: false);
        UseKestrel(0);
        StartServer();
        ServerAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        await CreateUserAsync(OperatorEmail, Roles.Operator);
        await CreateUserAsync(ViewerEmail, Roles.Viewer);
    }

    public async Task CreateUserAsync(string email, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Creating test user {email} failed: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", Database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", Password);
        builder.UseSetting("Auth:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Runs:ProgressWriteInterval", "00:00:00.050");
        builder.UseSetting("Runs:NodeName", "portal-test");
        builder.UseSetting("Backfill:UploadDirectory", UploadDirectory);
        // Tests drive the enrichment pipeline explicitly; a background worker would change what they assert meanwhile.
        builder.UseSetting("Enrichment:WorkerEnabled", "false");
        builder.UseSetting("Backfill:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A plain HTTP client over the socket, keeping cookies like a browser and showing redirects instead of following them.</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = ServerAddress,
        };

    public async Task<HttpClient> SignedInAsync(string email)
    {
        var client = Anonymous();
        var response = await SignInAsync(client, email, Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
        return client;
    }

    /// <summary>Posts the sign-in form the way a browser does, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        var token = new HtmlParser().ParseDocument(form).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The sign-in form has no antiforgery token.");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(UploadDirectory))
        {
            Directory.Delete(UploadDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
