using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portal.Domain.Persistence;

namespace Portal.Hosting;

public static class DatabaseSetup
{
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Portal")
        ?? throw new InvalidOperationException("Set the connection string ConnectionStrings:Portal (environment variable ConnectionStrings__Portal).");

    /// <summary>One pooled data source for EF Core and raw SQL alike; every context is short-lived, from the factory.</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<PortalDbContext>(options => options.UseNpgsql(dataSource));
        return services;
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
