using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Api;
using Portal.Audit;
using Portal.Backfills;
using Portal.Auth;
using Portal.Components;
using Portal.Domain.Persistence;
using Portal.Enrichment;
using Portal.Hosting;
using Portal.Jobs;
using Portal.Monitoring;
using Portal.Slots;
using Portal.Users;
using Quartz;
using Radzen;

var builder = WebApplication.CreateBuilder(args);
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : null;
var role = ProcessRoleExtensions.Read(builder.Configuration);
var connectionString = DatabaseSetup.ConnectionString(builder.Configuration);

builder.Services.AddPortalDatabase(connectionString);
builder.Services.AddPortalJobs(builder.Configuration, connectionString, executesJobs: role.ExecutesJobs() && command is null);
builder.Services.AddPortalAuth(builder.Configuration);
builder.Services.AddHttpContextAccessor();
builder.Services.AddProblemDetails();
// Enums travel as words ("succeeded", "warning"), not numbers.
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddScoped<AdminBootstrap>();
builder.Services.AddSingleton<AuditWriter>();
builder.Services.AddSingleton<AuditService>();
builder.Services.AddScoped<UserAdminService>();
builder.Services.AddSingleton<ApiKeyService>();
builder.Services.AddSingleton<JobsService>();
builder.Services.AddSingleton<RunStatsService>();
builder.Services.AddSingleton<SlotsService>();
builder.Services.AddSingleton<DemoData>();
builder.Services.AddSingleton<ImportSettingsService>();
builder.Services.AddSingleton<BackfillService>();
builder.Services.AddSingleton<ReviewService>();
builder.Services.AddSingleton<MonitoringService>();
builder.Services.AddSingleton<EnrichmentService>();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddHealthChecks()
    .AddDbContextCheck<PortalDbContext>("database", tags: ["ready"])
    .AddQuartz(options => options.Tags.Add("ready"));

var app = builder.Build();

if (command == "migrate")
{
    await DatabaseSetup.MigrateAsync(app.Services);
    Console.WriteLine("Migrations applied.");
    return 0;
}

if (command == "backfill")
{
    return await BackfillCommand.RunAsync(app.Services, args[1..], Console.Out);
}

if (command is not null)
{
    Console.Error.WriteLine($"Unknown command '{command}'. Commands: migrate, backfill. Without a command the portal runs (role: Portal:Role = all | web | worker).");
    return 2;
}

if (app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment()))
{
    await DatabaseSetup.MigrateAsync(app.Services);
}

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().EnsureAsync();
}

if (app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment()))
{
    await app.Services.GetRequiredService<DemoData>().SeedAsync();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePages(async context =>
{
    // API callers get problem details; browsers get the default page.
    if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
    {
        await Results.Problem(statusCode: context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext);
    }
});
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

if (role.ServesWeb())
{
    app.MapStaticAssets().AllowAnonymous();
    app.MapAccountEndpoints();
    app.MapPortalApi();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
}

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
