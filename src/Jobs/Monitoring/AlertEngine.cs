using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.Monitoring;
using Portal.Domain.Persistence;

namespace Portal.Jobs.Monitoring;

/// <summary>What one evaluation of the rules changed.</summary>
public sealed record AlertEvaluationSummary(int Rules, int Opened, int Fired, int Resolved, int Notifications);

/// <summary>
/// Applies <see cref="AlertEvaluation"/> to every rule against the latest metric values and writes the alerts and
/// the notifications they call for, in one transaction (the partial unique index keeps one active alert per rule
/// even if two evaluations overlap).
/// </summary>
public sealed class AlertEngine(IDbContextFactory<PortalDbContext> contexts, IOptions<MonitoringOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public async Task<AlertEvaluationSummary> EvaluateAsync(IReadOnlyDictionary<string, double?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rules = await db.AlertRules.ToListAsync(cancellationToken);
        var active = await db.Alerts.Where(a => a.State != AlertState.Resolved).ToDictionaryAsync(a => a.RuleId, cancellationToken);
        int opened = 0, fired = 0, resolved = 0, notifications = 0;
        foreach (var rule in rules)
        {
            var current = active.GetValueOrDefault(rule.Id);
            var wasFiring = current?.State == AlertState.Firing;
            var step = AlertEvaluation.Evaluate(rule, values.GetValueOrDefault(rule.Metric), current, now);
            if (step.Alert is null)
            {
                continue;
            }

            if (step.IsNew)
            {
                db.Alerts.Add(step.Alert);
                opened++;
            }

            fired += !wasFiring && step.Alert.State == AlertState.Firing ? 1 : 0;
            resolved += current is not null && step.Alert.State == AlertState.Resolved ? 1 : 0;
            if (step.Notify is { } notify && options.Value.WebhookUrl is not null)
            {
                await db.SaveChangesAsync(cancellationToken);
                db.AlertNotifications.Add(new AlertNotification
                {
                    AlertId = step.Alert.Id,
                    Event = notify,
                    Payload = JsonSerializer.Serialize(Payload(notify, rule, step.Alert), PayloadJson),
                    Status = NotificationStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
                notifications++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AlertEvaluationSummary(rules.Count, opened, fired, resolved, notifications);
    }

    /// <summary>The webhook's JSON body (documented in the README).</summary>
    public static object Payload(string notify, AlertRule rule, Alert alert) => new
    {
        @event = notify,
        alert = new
        {
            alert.Id,
            rule = rule.Name,
            alert.Metric,
            alert.Severity,
            alert.State,
            alert.Value,
            alert.Threshold,
            comparison = rule.Comparison,
            alert.StartedAt,
            alert.FiredAt,
            alert.ResolvedAt,
        },
    };
}
