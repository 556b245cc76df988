using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Portal.Domain.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>One pooled data source for EF Core and raw SQL alike; every context is short-lived, from the factory.</summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
        services.AddSingleton(dataSource);
        services.AddDbContextFactory<PortalDbContext>(options => options.UseNpgsql(dataSource));
        return services;
    }
}
