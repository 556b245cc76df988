using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;

namespace Portal.Hosting;

public static class DatabaseSetup
{
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Portal")
        ?? throw new InvalidOperationException("Set the connection string ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).");

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
