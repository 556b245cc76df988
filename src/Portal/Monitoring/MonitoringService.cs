using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Monitoring;
using Portal.Domain.Persistence;

namespace Portal.Monitoring;

/// <summary>
/// Metrics history, alerts and alert rules for the dashboard, the Monitoring page and the API. Reads come from the
/// stored samples (the metrics job computes them each minute), so a page never aggregates the big tables itself.
/// Acknowledging, silencing and rule changes are audited.
/// </summary>
public sealed class MonitoringService(NpgsqlDataSource dataSource, IDbContextFactory<PortalDbContext> contexts, AuditWriter audit, TimeProvider time)
{
    /// <summary>
    /// The chart ranges, the bucket each is drawn with (about 200–300 points), and whether it reads the hourly
    /// averages instead of the minute samples (so that a month is 720 rows per metric, not 43,200).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (TimeSpan Range, TimeSpan Bucket, bool Hourly)> Ranges = new Dictionary<string, (TimeSpan, TimeSpan, bool)>
    {
        ["24h"] = (TimeSpan.FromHours(24), TimeSpan.FromMinutes(5), false),
        ["7d"] = (TimeSpan.FromDays(7), TimeSpan.FromHours(1), true),
        ["30d"] = (TimeSpan.FromDays(30), TimeSpan.FromHours(4), true),
    };

    /// <summary>The latest value of every metric (from the last day of samples), and the alerts that are not resolved.</summary>
    public async Task<DashboardData> DashboardAsync(CancellationToken cancellationToken = default)
    {
        var latest = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("""
            SELECT DISTINCT ON (name) name, at, value FROM ops.metric_sample
             WHERE at > now() - interval '1 day' ORDER BY name, at DESC
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                latest[reader.GetString(0)] = new MetricValue(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetDouble(2));
            }
        }

        var alerts = await ActiveAlertsAsync(cancellationToken);
        return new DashboardData(latest, alerts);
    }

    public async Task<IReadOnlyList<AlertView>> ActiveAlertsAsync(CancellationToken cancellationToken = default) =>
        (await SearchAlertsAsync(new AlertQuery(Active: true, Take: 100), cancellationToken)).Items;

    /// <summary>Averages per bucket for each metric over the range ("24h", "7d", "30d").</summary>
    /// <exception cref="ArgumentException">Unknown range or metric.</exception>
    public async Task<IReadOnlyList<MetricSeries>> SeriesAsync(IReadOnlyCollection<string> names, string range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!Ranges.TryGetValue(range, out var window))
        {
            throw new ArgumentException($"Unknown range '{range}'. Use {string.Join(", ", Ranges.Keys)}.", nameof(range));
        }

        if (names.FirstOrDefault(n => MetricCatalog.Find(n) is null) is { } unknown)
        {
            throw new ArgumentException($"Unknown metric '{unknown}'.", nameof(names));
        }

        var points = names.ToDictionary(n => n, _ => new List<MetricPoint>(), StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand(window.Hourly
            ? """
              SELECT name, date_bin(@bucket, hour, timestamptz '2000-01-01 00:00:00+00') AS t, avg(value)
                FROM ops.metric_hourly
               WHERE name = ANY (@names) AND hour >= @from
               GROUP BY name, t ORDER BY name, t
              """
            : """
              SELECT name, date_bin(@bucket, at, timestamptz '2000-01-01 00:00:00+00') AS t, avg(value)
                FROM ops.metric_sample
               WHERE name = ANY (@names) AND at >= @from
               GROUP BY name, t ORDER BY name, t
              """);
        command.Parameters.AddWithValue("bucket", window.Bucket);
        command.Parameters.AddWithValue("names", NpgsqlDbType.Array | NpgsqlDbType.Text, names.ToArray());
        command.Parameters.AddWithValue("from", time.GetUtcNow() - window.Range);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points[reader.GetString(0)].Add(new MetricPoint(reader.GetFieldValue<DateTimeOffset>(1), Math.Round(reader.GetDouble(2), 2)));
        }

        return names.Select(n => new MetricSeries(MetricCatalog.Find(n)!, points[n])).ToList();
    }

    public async Task<Page<AlertView>> SearchAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var alerts = from a in db.Alerts.AsNoTracking()
                     join r in db.AlertRules.AsNoTracking() on a.RuleId equals r.Id
                     select new { a, r.Name, r.Comparison };
        if (query.Active == true)
        {
            alerts = alerts.Where(x => x.a.State != AlertState.Resolved);
        }

        alerts = query.Status switch
        {
            null or "" => alerts,
            "acknowledged" => alerts.Where(x => x.a.State != AlertState.Resolved && x.a.AcknowledgedAt != null),
            "silenced" => alerts.Where(x => x.a.State != AlertState.Resolved && x.a.SilencedUntil > now),
            _ => alerts.Where(x => x.a.State == query.Status),
        };
        if (!string.IsNullOrEmpty(query.Metric))
        {
            alerts = alerts.Where(x => x.a.Metric == query.Metric);
        }

        var total = await alerts.CountAsync(cancellationToken);
        var ordered = (query.SortBy, query.Descending) switch
        {
            ("Severity", true) => alerts.OrderByDescending(x => x.a.Severity).ThenByDescending(x => x.a.Id),
            ("Severity", false) => alerts.OrderBy(x => x.a.Severity).ThenByDescending(x => x.a.Id),
            ("RuleName", false) => alerts.OrderBy(x => x.Name).ThenByDescending(x => x.a.Id),
            ("RuleName", true) => alerts.OrderByDescending(x => x.Name).ThenByDescending(x => x.a.Id),
            ("StartedAt", false) => alerts.OrderBy(x => x.a.StartedAt),
            _ => alerts.OrderByDescending(x => x.a.StartedAt).ThenByDescending(x => x.a.Id),
        };
        var items = await ordered.Skip(Math.Max(query.Skip, 0)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(cancellationToken);
        return new Page<AlertView>(items.Select(x => AlertView.From(x.a, x.Name, x.Comparison, now)).ToList(), total);
    }

    /// <returns>Null when done, else why not.</returns>
    /// <exception cref="KeyNotFoundException">No such alert.</exception>
    public async Task<string?> AcknowledgeAsync(ClaimsPrincipal actor, long alertId, string? comment, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return "Say what is being done about it (the comment is required).";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            throw new KeyNotFoundException($"There is no alert {alertId}.");
        }

        alert.AcknowledgedAt = time.GetUtcNow();
        alert.AcknowledgedBy = AuditWriter.ActorName(actor);
        alert.AcknowledgeComment = comment.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, AuditActions.AlertAcknowledged, "alert", Id(alertId), new { comment = alert.AcknowledgeComment }, cancellationToken: cancellationToken);
        return null;
    }

    /// <summary>Silences an alert's notifications until a time (it still shows); a time in the past ends the silence.</summary>
    /// <returns>Null when done, else why not.</returns>
    /// <exception cref="KeyNotFoundException">No such alert.</exception>
    public async Task<string?> SilenceAsync(ClaimsPrincipal actor, long alertId, DateTimeOffset until, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "Say why the alert is silenced (the reason is required).";
        }

        if (until > time.GetUtcNow().AddDays(30))
        {
            return "An alert can be silenced for 30 days at most; change the rule instead.";
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            throw new KeyNotFoundException($"There is no alert {alertId}.");
        }

        alert.SilencedUntil = until;
        alert.SilencedBy = AuditWriter.ActorName(actor);
        alert.SilenceReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, AuditActions.AlertSilenced, "alert", Id(alertId), new { until, reason = alert.SilenceReason }, cancellationToken: cancellationToken);
        return null;
    }

    public async Task<IReadOnlyList<AlertRule>> RulesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AlertRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Would the rule, as edited, fire now? Evaluated against the metric's latest stored value.</summary>
    public async Task<RulePreview> PreviewRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problem = Validate(rule);
        var latest = (await DashboardAsync(cancellationToken)).Latest.GetValueOrDefault(rule.Metric);
        var breach = problem is null ? AlertEvaluation.Breach(rule, latest?.Value) : null;
        return new RulePreview(problem, latest, breach?.Severity, breach?.Threshold);
    }

    /// <returns>Null when saved, else why not.</returns>
    public async Task<string?> SaveRuleAsync(ClaimsPrincipal actor, AlertRule edited, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        if (Validate(edited) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.AlertRules.SingleOrDefaultAsync(r => r.Id == edited.Id, cancellationToken);
        if (rule is null)
        {
            throw new KeyNotFoundException($"There is no rule {edited.Id}.");
        }

        var before = new { rule.WarningThreshold, rule.CriticalThreshold, rule.ForMinutes, rule.Enabled, rule.Comparison };
        (rule.Comparison, rule.WarningThreshold, rule.CriticalThreshold, rule.ForMinutes, rule.Enabled) =
            (edited.Comparison, edited.WarningThreshold, edited.CriticalThreshold, edited.ForMinutes, edited.Enabled);
        rule.UpdatedBy = AuditWriter.ActorName(actor);
        rule.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actor, AuditActions.AlertRuleChanged, "alert_rule", Id(rule.Id),
            new { rule.Name, before, after = new { rule.WarningThreshold, rule.CriticalThreshold, rule.ForMinutes, rule.Enabled, rule.Comparison } },
            cancellationToken: cancellationToken);
        return null;
    }

    public async Task<Page<AlertNotification>> NotificationsAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.AlertNotifications.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.Id).Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, 200)).ToListAsync(cancellationToken);
        return new Page<AlertNotification>(items, total);
    }

    /// <summary>Null when the rule is consistent: a known metric, at least one level, levels in the right order, a sane duration.</summary>
    public static string? Validate(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (MetricCatalog.Find(rule.Metric) is null)
        {
            return $"Unknown metric '{rule.Metric}'.";
        }

        if (rule.Comparison is not (AlertComparison.Below or AlertComparison.Above))
        {
            return "The comparison must be below or above.";
        }

        if (rule.WarningThreshold is null && rule.CriticalThreshold is null)
        {
            return "Give a warning level, a critical level or both.";
        }

        if (rule.WarningThreshold is { } warning && rule.CriticalThreshold is { } critical
            && (rule.Comparison == AlertComparison.Below ? critical > warning : critical < warning))
        {
            return rule.Comparison == AlertComparison.Below
                ? "For a 'below' rule the critical level must not be above the warning level."
                : "For an 'above' rule the critical level must not be below the warning level.";
        }

        return rule.ForMinutes is < 0 or > 24 * 60 ? "The duration must be between 0 and 1440 minutes." : null;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed record MetricValue(string Name, DateTimeOffset At, double Value);

public sealed record MetricPoint(DateTimeOffset At, double Value);

public sealed record MetricSeries(MetricDefinition Metric, IReadOnlyList<MetricPoint> Points);

public sealed record DashboardData(IReadOnlyDictionary<string, MetricValue> Latest, IReadOnlyList<AlertView> ActiveAlerts);

public sealed record RulePreview(string? Problem, MetricValue? Latest, string? Severity, double? Threshold)
{
    public bool WouldFire => Severity is not null;
}

/// <param name="Status">pending, firing, resolved, acknowledged or silenced.</param>
public sealed record AlertQuery(string? Status = null, string? Metric = null, bool? Active = null, string? SortBy = null, bool Descending = true, int Skip = 0, int Take = 50);

public sealed record AlertView(
    long Id, long RuleId, string RuleName, string Metric, string Comparison, string Severity, string State, double Value, double Threshold,
    DateTimeOffset StartedAt, DateTimeOffset? FiredAt, DateTimeOffset? ResolvedAt,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeComment,
    DateTimeOffset? SilencedUntil, string? SilencedBy, string? SilenceReason, bool Silenced)
{
    public static AlertView From(Alert a, string ruleName, string comparison, DateTimeOffset now) => new(
        a.Id, a.RuleId, ruleName, a.Metric, comparison, a.Severity, a.State, a.Value, a.Threshold, a.StartedAt, a.FiredAt, a.ResolvedAt,
        a.AcknowledgedBy, a.AcknowledgedAt, a.AcknowledgeComment, a.SilencedUntil, a.SilencedBy, a.SilenceReason, a.IsSilenced(now));

    public string Title => $"{RuleName}: {Value:0.##} {(Comparison == AlertComparison.Below ? "<" : ">")} {Threshold:0.##}";
}
