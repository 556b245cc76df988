using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Configuration;
using Portal.Domain.Persistence;

namespace Portal.Jobs.Configuration;

/// <summary>
/// Versioned configuration documents (normalization rules, thresholds, scoring): every save is a new version
/// with who and when; readers take the newest, or the built-in defaults when none was saved.
/// </summary>
public sealed class ConfigStore(IDbContextFactory<PortalDbContext> contexts)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<Versioned<T>> GetCurrentAsync<T>(string kind, T defaults, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = await db.ConfigVersions.AsNoTracking().Where(c => c.Kind == kind).OrderByDescending(c => c.Version).FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? new Versioned<T>(defaults, null)
            : new Versioned<T>(JsonSerializer.Deserialize<T>(latest.Content, Json) ?? defaults, latest);
    }

    public async Task<IReadOnlyList<ConfigVersion>> HistoryAsync(string kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ConfigVersions.AsNoTracking().Where(c => c.Kind == kind).OrderByDescending(c => c.Version).Take(50).ToListAsync(cancellationToken);
    }

    /// <summary>Saves a new version. Two admins saving at once get consecutive versions (unique kind + version; retried).</summary>
    public async Task<ConfigVersion> SaveAsync<T>(string kind, T content, string createdBy, string? comment, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(content, Json);
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var next = (await db.ConfigVersions.Where(c => c.Kind == kind).MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0) + 1;
            var version = new ConfigVersion { Kind = kind, Version = next, Content = json, CreatedBy = createdBy, CreatedAt = DateTimeOffset.UtcNow, Comment = comment };
            db.ConfigVersions.Add(version);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return version;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Someone saved the same version number first; take the next one.
            }
        }
    }
}

/// <summary>A configuration value and the saved version it came from (null: the built-in defaults).</summary>
public sealed record Versioned<T>(T Value, ConfigVersion? Version);
