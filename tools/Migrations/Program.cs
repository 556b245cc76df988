using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using Portal.Domain.Persistence;

// Usage: dotnet run --project tools/Migrations -- add <Name>
//        dotnet run --project tools/Migrations -- check     (exit 1 when the model has changes without a migration)
if (args is not ["add", var name] && args is not ["check"])
{
    Console.Error.WriteLine("usage: add <MigrationName> | check");
    return 2;
}

var repoRoot = FindRepoRoot();
var domainDir = Path.Combine(repoRoot, "src", "Domain");
using var context = new PortalDbContextFactory().CreateDbContext([]);

if (args[0] == "check")
{
    var pending = context.Database.HasPendingModelChanges();
    Console.WriteLine(pending ? "The model has changes that no migration covers." : "No pending model changes.");
    return pending ? 1 : 0;
}

var services = new ServiceCollection()
    .AddEntityFrameworkDesignTimeServices()
    .AddDbContextDesignTimeServices(context);
#pragma warning disable EF1001 // the provider's design-time services are what dotnet-ef would load too
new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);
#pragma warning restore EF1001
using var provider = services.BuildServiceProvider();

var scaffolder = provider.GetRequiredService<IMigrationsScaffolder>();
var migration = scaffolder.ScaffoldMigration(args[1], "Portal.Domain", "Migrations", "C#");
var files = scaffolder.Save(domainDir, migration, Path.Combine(domainDir, "Migrations"));
Console.WriteLine($"Wrote {files.MigrationFile}\n      {files.MetadataFile}\n      {files.SnapshotFile}");
return 0;

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the tool.");
}
