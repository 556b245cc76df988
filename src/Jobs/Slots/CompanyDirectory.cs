using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;
using Portal.Domain.Companies;
using Portal.Domain.Intake;
using Portal.Domain.Persistence;
using Portal.Domain.Runs;
using Portal.Domain.Slots;

namespace Portal.Jobs.Slots;

/// <summary>Reads companies, their slots and the slot statistics for pages and API: filtered and paged in the database.</summary>
public sealed class CompanyDirectory(IDbContextFactory<PortalDbContext> contexts)
{
    /// <summary>The most matches the companies list counts exactly.</summary>
    public const int CountLimit = 10_000;

    public async Task<SlotSummary> SummaryAsync(CancellationToken cancellationToken = default)
    {
        // Independent counts: each on its own connection, at the same time.
        // Slot counts come from the counter table the slot triggers keep (nine rows), not from the slots themselves.
        var countsTask = CountAsync(db => db.Database
            .SqlQueryRaw<SlotStatusCount>("SELECT slot_type AS \"SlotType\", status AS \"Status\", slots AS \"Count\" FROM marketing.company_slot_count")
            .ToListAsync(cancellationToken));
        var pendingTask = CountAsync(db => db.PeopleRawIntake.LongCountAsync(i => i.SourceSystem == PersonIntake.SlotBackfillSource && !i.Validated, cancellationToken));
        var companiesTask = CountAsync(db => db.Companies.LongCountAsync(cancellationToken));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await countsTask;
        var perType = SlotTypeNames.All.Select(type =>
        {
            long Count(string status) => counts.Where(c => c.SlotType == type && c.Status == status).Sum(c => c.Count);
            var (filled, open, closed) = (Count(SlotStatus.Filled), Count(SlotStatus.Open), Count(SlotStatus.ClosedMissing));
            return new SlotTypeSummary(type, filled, open, closed, SlotEvaluator.Rate(filled, filled + open + closed), SlotFillTargets.Percent[type]);
        }).ToList();
        var totalFilled = perType.Sum(t => t.Filled);
        var total = perType.Sum(t => t.Filled + t.Open + t.ClosedMissing);
        var pending = await pendingTask;
        var companies = await companiesTask;

        var runs = await db.JobRuns.AsNoTracking()
            .Where(r => r.JobName == EvaluateCompanySlotsJob.Name && r.Status == RunStatus.Succeeded && !r.DryRun && r.Summary != null)
            .OrderByDescending(r => r.Id).Take(50)
            .Select(r => new { r.Id, r.FinishedAt, r.Summary })
            .ToListAsync(cancellationToken);
        var trend = runs.OrderBy(r => r.Id).Select(r =>
        {
            var rates = JsonDocument.Parse(r.Summary!).RootElement.GetProperty("tableFillRate");
            double Rate(string key) => rates.TryGetProperty(key, out var value) ? value.GetDouble() : 0;
            return new FillRatePoint(r.Id, r.FinishedAt ?? DateTimeOffset.MinValue, Rate("overall"), Rate(SlotTypeNames.Ceo), Rate(SlotTypeNames.Cfo), Rate(SlotTypeNames.Hr));
        }).ToList();
        return new SlotSummary(companies, perType, SlotEvaluator.Rate(totalFilled, total), pending, trend);
    }

    private async Task<T> CountAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await query(db);
    }

    public async Task<Page<CompanyRow>> SearchAsync(CompanyQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var companies = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = TextSearch.ContainsPattern(query.Text);
            companies = companies.Where(c => EF.Functions.Like(EF.Property<string>(c, CompanyConfiguration.SearchTextColumn), pattern, TextSearch.Escape));
        }

        if (query.SlotType is { } slotType && query.SlotStatus is { } slotStatus)
        {
            companies = companies.Where(c => db.CompanySlots.Any(s => s.CompanyUniqueId == c.CompanyUniqueId && s.SlotType == slotType && s.Status == slotStatus));
        }
        else if (query.SlotStatus is { } anyStatus)
        {
            companies = companies.Where(c => db.CompanySlots.Any(s => s.CompanyUniqueId == c.CompanyUniqueId && s.Status == anyStatus));
        }

        if (query.MinAttempts is { } minAttempts)
        {
            companies = companies.Where(c => db.CompanySlots.Any(s => s.CompanyUniqueId == c.CompanyUniqueId && s.EnrichmentAttempts >= minAttempts));
        }

        // Any(...) and !Any(...) become EXISTS / NOT EXISTS; comparing Any(...) with a bool would be a subplan per company.
        if (query.HasPendingBackfill == true)
        {
            companies = companies.Where(c => db.PeopleRawIntake.Any(i => i.CompanyUniqueId == c.CompanyUniqueId && i.SourceSystem == PersonIntake.SlotBackfillSource && !i.Validated));
        }
        else if (query.HasPendingBackfill == false)
        {
            companies = companies.Where(c => !db.PeopleRawIntake.Any(i => i.CompanyUniqueId == c.CompanyUniqueId && i.SourceSystem == PersonIntake.SlotBackfillSource && !i.Validated));
        }

        // Counting every match of a broad filter over a million companies costs more than the page itself; past the
        // limit the list says "at least" and the operator narrows the filter.
        var counted = await companies.Select(c => c.CompanyUniqueId).Take(CountLimit + 1).CountAsync(cancellationToken);
        companies = (query.SortBy, query.Descending) switch
        {
            ("Domain", false) => companies.OrderBy(c => c.Domain).ThenBy(c => c.CompanyUniqueId),
            ("Domain", true) => companies.OrderByDescending(c => c.Domain).ThenBy(c => c.CompanyUniqueId),
            ("CompanyUniqueId", false) => companies.OrderBy(c => c.CompanyUniqueId),
            ("CompanyUniqueId", true) => companies.OrderByDescending(c => c.CompanyUniqueId),
            ("CompanyName", true) => companies.OrderByDescending(c => c.CompanyName).ThenBy(c => c.CompanyUniqueId),
            _ => companies.OrderBy(c => c.CompanyName).ThenBy(c => c.CompanyUniqueId),
        };

        var page = await companies.Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500))
            .Select(c => new
            {
                c.CompanyUniqueId,
                c.CompanyName,
                c.Domain,
                Slots = db.CompanySlots.Where(s => s.CompanyUniqueId == c.CompanyUniqueId).Select(s => new { s.SlotType, s.Status, s.EnrichmentAttempts }).ToList(),
                Pending = db.PeopleRawIntake.Count(i => i.CompanyUniqueId == c.CompanyUniqueId && i.SourceSystem == PersonIntake.SlotBackfillSource && !i.Validated),
            })
            .ToListAsync(cancellationToken);
        var rows = page.Select(c =>
        {
            SlotCell? Cell(string type) => c.Slots.Where(s => s.SlotType == type).Select(s => new SlotCell(s.Status, s.EnrichmentAttempts)).FirstOrDefault();
            return new CompanyRow(c.CompanyUniqueId, c.CompanyName, c.Domain, Cell(SlotTypeNames.Ceo), Cell(SlotTypeNames.Cfo), Cell(SlotTypeNames.Hr), c.Pending);
        }).ToList();
        return new Page<CompanyRow>(rows, Math.Min(counted, CountLimit), counted > CountLimit);
    }

    public async Task<CompanyDetail?> GetAsync(string companyId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var company = await db.Companies.AsNoTracking().SingleOrDefaultAsync(c => c.CompanyUniqueId == companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var people = await db.People.AsNoTracking().Where(p => p.CompanyUniqueId == companyId).OrderBy(p => p.FullName).ToListAsync(cancellationToken);
        var slots = await db.CompanySlots.AsNoTracking().Where(s => s.CompanyUniqueId == companyId).OrderBy(s => s.SlotType).ToListAsync(cancellationToken);
        var history = await db.CompanySlotHistory.AsNoTracking().Where(h => h.CompanyUniqueId == companyId).OrderByDescending(h => h.Id).Take(100).ToListAsync(cancellationToken);
        var requests = await db.PeopleRawIntake.AsNoTracking().Where(i => i.CompanyUniqueId == companyId).OrderByDescending(i => i.Id).Take(50).ToListAsync(cancellationToken);
        var tasks = await db.AgentRoutingLog.AsNoTracking().Where(t => t.CompanyUniqueId == companyId).OrderByDescending(t => t.Id).Take(50).ToListAsync(cancellationToken);
        var personIds = people.Select(p => p.UniqueId).ToList();
        var audit = await db.AuditLog.AsNoTracking()
            .Where(a => (a.TargetType == AuditTargets.Company && a.TargetId == companyId) || (a.TargetType == AuditTargets.Person && personIds.Contains(a.TargetId!)))
            .OrderByDescending(a => a.Id).Take(50).ToListAsync(cancellationToken);
        return new CompanyDetail(company, people, slots, history, requests, tasks, audit, await ImportChangesAsync(db, personIds, cancellationToken));
    }

    /// <summary>
    /// The field changes legacy imports (and their review resolutions) made to these people, newest first, from the
    /// rows' log entries: an import's changes are recorded there, old → new, not in the audit log row by row.
    /// </summary>
    private static async Task<IReadOnlyList<PersonImportChange>> ImportChangesAsync(PortalDbContext db, List<string> personIds, CancellationToken cancellationToken)
    {
        if (personIds.Count == 0)
        {
            return [];
        }

        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT l.created_at, l.import_id, l.row_number, l.matched_person_id, c ->> 'field', c ->> 'from', c ->> 'to', i.reverted_at IS NOT NULL
              FROM public.backfill_log l
              JOIN ops.backfill_import i ON i.id = l.import_id
             CROSS JOIN LATERAL jsonb_array_elements(l.actions_taken -> 'changes') c
             WHERE l.matched_person_id = ANY (@people) AND l.actions_taken ? 'changes'
             ORDER BY l.created_at DESC, l.row_number DESC
             LIMIT 100
            """, connection);
        command.Parameters.AddWithValue("people", personIds.ToArray());
        var changes = new List<PersonImportChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            changes.Add(new PersonImportChange(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3),
                reader.GetString(4), Text(5), Text(6), reader.GetBoolean(7)));
        }

        return changes;
    }
}

public sealed record SlotSummary(long Companies, IReadOnlyList<SlotTypeSummary> PerType, double OverallFillRate, long PendingBackfills, IReadOnlyList<FillRatePoint> Trend);

public sealed record SlotTypeSummary(string SlotType, long Filled, long Open, long ClosedMissing, double FillRate, double Target)
{
    public bool MeetsTarget => FillRate >= Target;
}

public sealed record FillRatePoint(long RunId, DateTimeOffset At, double Overall, double Ceo, double Cfo, double Hr);

public sealed record SlotCell(string Status, int Attempts);

public sealed record CompanyRow(string CompanyUniqueId, string CompanyName, string? Domain, SlotCell? Ceo, SlotCell? Cfo, SlotCell? Hr, int PendingBackfills);

public sealed record CompanyDetail(
    Company Company,
    IReadOnlyList<Person> People,
    IReadOnlyList<CompanySlot> Slots,
    IReadOnlyList<CompanySlotHistory> History,
    IReadOnlyList<PersonIntake> Requests,
    IReadOnlyList<AgentRoutingTask> RoutingTasks,
    IReadOnlyList<AuditLogEntry> Audit,
    IReadOnlyList<PersonImportChange> ImportChanges);

/// <summary>A field of a person that a legacy import changed, old → new; <paramref name="Reverted"/> when the import was reverted since.</summary>
public sealed record PersonImportChange(DateTimeOffset At, long ImportId, int RowNumber, string PersonId, string Field, string? From, string? To, bool Reverted);

public sealed record CompanyQuery(
    string? Text = null,
    string? SlotType = null,
    string? SlotStatus = null,
    int? MinAttempts = null,
    bool? HasPendingBackfill = null,
    string? SortBy = null,
    bool Descending = false,
    int Skip = 0,
    int Take = 25);

/// <summary>A row of <c>marketing.company_slot_count</c>.</summary>
internal sealed class SlotStatusCount
{
    public required string SlotType { get; init; }

    public required string Status { get; init; }

    public long Count { get; init; }
}
