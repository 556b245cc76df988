namespace Portal.Domain.Monitoring;

/// <summary>What evaluating a rule did: the alert to write (new or changed), and the event to notify, if any.</summary>
/// <param name="Alert">The new or changed alert; null when there was nothing and still is nothing.</param>
/// <param name="IsNew">Insert rather than update.</param>
/// <param name="Notify">firing or resolved, when a notification is due.</param>
public sealed record AlertStep(Alert? Alert, bool IsNew, string? Notify);

/// <summary>
/// The alert lifecycle, as a pure function of a rule, the metric's current value and the rule's active alert:
/// normal → pending (the condition holds, but not yet for the rule's duration) → firing → resolved. A value that
/// is unknown (null: nothing to compute it from) breaches nothing. Notifications are due when an alert fires
/// (or when its silence ends and the firing was not notified yet) and when a notified alert resolves; a silenced
/// alert notifies nothing. A pending alert whose condition ends before its duration is closed without ever firing or notifying.
/// </summary>
public static class AlertEvaluation
{
    /// <summary>The most severe level the value breaches, with its threshold; null when none.</summary>
    public static (string Severity, double Threshold)? Breach(AlertRule rule, double? value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (value is not { } v || double.IsNaN(v))
        {
            return null;
        }

        bool Breaches(double threshold) => rule.Comparison == AlertComparison.Below ? v < threshold : v > threshold;
        if (rule.CriticalThreshold is { } critical && Breaches(critical))
        {
            return (AlertSeverity.Critical, critical);
        }

        return rule.WarningThreshold is { } warning && Breaches(warning) ? (AlertSeverity.Warning, warning) : null;
    }

    public static AlertStep Evaluate(AlertRule rule, double? value, Alert? active, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var breach = rule.Enabled ? Breach(rule, value) : null;
        if (breach is not { } b)
        {
            return active switch
            {
                null => new AlertStep(null, false, null),
                { State: AlertState.Pending } => new AlertStep(Dropped(active, now), false, null),
                _ => new AlertStep(Resolved(active, value, now), false, active.FiringNotified && !active.IsSilenced(now) ? AlertState.Resolved : null),
            };
        }

        var isNew = active is null;
        var alert = active ?? new Alert
        {
            RuleId = rule.Id,
            Metric = rule.Metric,
            Severity = b.Severity,
            State = AlertState.Pending,
            StartedAt = now,
        };
        alert.Severity = b.Severity;
        alert.Threshold = b.Threshold;
        alert.Value = value!.Value;
        alert.UpdatedAt = now;
        if (alert.State == AlertState.Pending && now - alert.StartedAt >= TimeSpan.FromMinutes(rule.ForMinutes))
        {
            alert.State = AlertState.Firing;
            alert.FiredAt = now;
        }

        string? notify = null;
        if (alert.State == AlertState.Firing && !alert.FiringNotified && !alert.IsSilenced(now))
        {
            alert.FiringNotified = true;
            notify = AlertState.Firing;
        }

        return new AlertStep(alert, isNew, notify);
    }

    private static Alert Dropped(Alert pending, DateTimeOffset now)
    {
        pending.State = AlertState.Resolved;
        pending.ResolvedAt = now;
        pending.UpdatedAt = now;
        return pending;
    }

    private static Alert Resolved(Alert firing, double? value, DateTimeOffset now)
    {
        firing.State = AlertState.Resolved;
        firing.ResolvedAt = now;
        firing.UpdatedAt = now;
        if (value is { } v)
        {
            firing.Value = v;
        }

        return firing;
    }
}
