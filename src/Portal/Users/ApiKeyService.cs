using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.ApiKeys;
using Portal.Domain.Audit;
using Portal.Domain.Identity;
using Portal.Domain.Persistence;

namespace Portal.Users;

/// <summary>Creates and revokes API keys. The secret is shown once at creation; only its hash is kept.</summary>
public sealed class ApiKeyService(IDbContextFactory<PortalDbContext> contexts, AuditWriter audit)
{
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <returns>The new key's secret, to show once.</returns>
    public async Task<string> CreateAsync(ClaimsPrincipal actor, string name, string role, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A key needs a name of at most 100 characters.", nameof(name));
        }

        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        var secret = ApiKeySecret.Generate();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = new ApiKey
        {
            Name = name.Trim(),
            KeyPrefix = ApiKeySecret.PrefixOf(secret),
            KeyHash = ApiKeySecret.Hash(secret),
            Role = role,
            CreatedBy = AuditWriter.ActorName(actor),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, AuditActions.ApiKeyCreated, "api_key", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { key.Name, role }, cancellationToken: cancellationToken);
        return secret;
    }

    public async Task<bool> RevokeAsync(ClaimsPrincipal actor, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var by = AuditWriter.ActorName(actor);
        var revoked = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, DateTimeOffset.UtcNow).SetProperty(k => k.RevokedBy, by), cancellationToken);
        if (revoked > 0)
        {
            await audit.WriteAsync(actor, AuditActions.ApiKeyRevoked, "api_key", id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }

        return revoked > 0;
    }
}
