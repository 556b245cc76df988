using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Persistence;

namespace Portal.Audit;

/// <summary>Writes audit entries: who (user or API key), what, to which target, with details as JSON.</summary>
public sealed class AuditWriter(IDbContextFactory<PortalDbContext> contexts, IHttpContextAccessor httpContextAccessor)
{
    public Task WriteAsync(
        ClaimsPrincipal? actor,
        string action,
        string? targetType = null,
        string? targetId = null,
        object? details = null,
        bool success = true,
        CancellationToken cancellationToken = default) =>
        WriteAsync(ActorName(actor), action, targetType, targetId, details, success, cancellationToken);

    public async Task WriteAsync(
        string actor,
        string action,
        string? targetType = null,
        string? targetId = null,
        object? details = null,
        bool success = true,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditLogEntry
        {
            OccurredAt = DateTimeOffset.UtcNow,
            Actor = actor,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            IpAddress = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Success = success,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string ActorName(ClaimsPrincipal? actor) =>
        actor?.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";
}
