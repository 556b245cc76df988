using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Persistence;


namespace Portal.Audit;

/// <summary>Reads the audit log for the Audit page: filtered, sorted and paged in the database.</summary>
public sealed class AuditService(IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<Page<AuditLogEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            entries = entries.Where(e => e.Actor == query.Actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action == query.Action);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = TextSearch.ContainsPattern(query.Text);
            entries = entries.Where(e => EF.Functions.Like(EF.Property<string>(e, AuditLogEntryConfiguration.SearchTextColumn), pattern, TextSearch.Escape));
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt < to);
        }

        entries = (query.SortBy, query.Descending) switch
        {
            ("Actor", false) => entries.OrderBy(e => e.Actor).ThenByDescending(e => e.Id),
            ("Actor", true) => entries.OrderByDescending(e => e.Actor).ThenByDescending(e => e.Id),
            ("Action", false) => entries.OrderBy(e => e.Action).ThenByDescending(e => e.Id),
            ("Action", true) => entries.OrderByDescending(e => e.Action).ThenByDescending(e => e.Id),
            ("OccurredAt", false) => entries.OrderBy(e => e.Id),
            _ => entries.OrderByDescending(e => e.Id),
        };

        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(cancellationToken);
        return new Page<AuditLogEntry>(items, total);
    }

    public async Task<IReadOnlyList<string>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditLog.Select(e => e.Actor).Distinct().OrderBy(a => a).Take(500).ToListAsync(cancellationToken);
    }
}

public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? SortBy = null,
    bool Descending = true,
    int Skip = 0,
    int Take = 50);
