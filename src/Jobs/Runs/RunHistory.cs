using Microsoft.EntityFrameworkCore;
using Portal.Domain.Persistence;
using Portal.Domain.Runs;
using Portal.Jobs.Scheduling;

namespace Portal.Jobs.Runs;

/// <summary>Reads run records for lists and detail pages: filtered, sorted and paged in the database.</summary>
public sealed class RunHistory(IDbContextFactory<PortalDbContext> contexts, JobCatalog catalog)
{
    public async Task<Page<JobRun>> SearchAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Job))
        {
            rows = rows.Where(r => r.JobName == query.Job);
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Source))
        {
            rows = rows.Where(r => r.TriggerSource == query.Source);
        }

        if (!string.IsNullOrWhiteSpace(query.TriggeredBy))
        {
            rows = rows.Where(r => r.TriggeredBy == query.TriggeredBy);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(r => r.QueuedAt >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(r => r.QueuedAt < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = TextSearch.ContainsPattern(query.Text);
            rows = rows.Where(r => EF.Functions.Like(EF.Property<string>(r, JobRunConfiguration.SearchTextColumn), pattern, TextSearch.Escape));
        }

        rows = (query.SortBy, query.Descending) switch
        {
            ("JobName", false) => rows.OrderBy(r => r.JobName).ThenByDescending(r => r.Id),
            ("JobName", true) => rows.OrderByDescending(r => r.JobName).ThenByDescending(r => r.Id),
            ("Status", false) => rows.OrderBy(r => r.Status).ThenByDescending(r => r.Id),
            ("Status", true) => rows.OrderByDescending(r => r.Status).ThenByDescending(r => r.Id),
            ("TriggeredBy", false) => rows.OrderBy(r => r.TriggeredBy).ThenByDescending(r => r.Id),
            ("TriggeredBy", true) => rows.OrderByDescending(r => r.TriggeredBy).ThenByDescending(r => r.Id),
            ("Id" or "QueuedAt", false) => rows.OrderBy(r => r.Id),
            ("FinishedAt", false) => rows.OrderBy(r => r.FinishedAt).ThenBy(r => r.Id),
            ("FinishedAt", true) => rows.OrderByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id),
            _ => rows.OrderByDescending(r => r.Id),
        };

        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(cancellationToken);
        return new Page<JobRun>(items, total);
    }

    public async Task<RunDetail?> GetAsync(long runId, int logLines = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.JobRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var lines = await db.JobRunLogLines.AsNoTracking()
            .Where(l => l.RunId == runId)
            .OrderByDescending(l => l.Id)
            .Take(logLines)
            .ToListAsync(cancellationToken);
        lines.Reverse();
        return new RunDetail(run, lines, catalog.Find(run.JobName));
    }

}


public sealed record RunDetail(JobRun Run, IReadOnlyList<JobRunLogLine> LogLines, JobDefinition? Job)
{
    public RunProgress Progress(DateTimeOffset now) => RunProgress.Of(Run.Done, Run.Total, Run.StartedAt, Run.FinishedAt ?? now);
}

public sealed record RunQuery(
    string? Job = null,
    RunStatus? Status = null,
    string? Source = null,
    string? TriggeredBy = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Text = null,
    string? SortBy = null,
    bool Descending = true,
    int Skip = 0,
    int Take = 50);
