namespace Portal.Domain.Enrichment;

/// <summary>The pipeline's state in numbers, as the health endpoint reports it.</summary>
public sealed record EnrichmentHealthFacts(long Backlog, long DeadLettered, long OpenAlerts, long AttemptsLastHour, long FailuresLastHour, bool CircuitOpen);

/// <summary>Healthy, warning or critical, with the reasons; seed 002's thresholds (backlog &gt; 1000, failure rate &gt; 20 %).</summary>
public sealed record EnrichmentHealth(string Status, double FailureRate, IReadOnlyList<string> Reasons)
{
    public const string Healthy = "healthy";
    public const string Warning = "warning";
    public const string Critical = "critical";
    public const long BacklogCritical = 1000;
    public const double FailureRateCritical = 20.0;
    public const double FailureRateWarning = 5.0;

    public static EnrichmentHealth Evaluate(EnrichmentHealthFacts facts)
    {
        var failureRate = facts.AttemptsLastHour == 0 ? 0 : Math.Round(100.0 * facts.FailuresLastHour / facts.AttemptsLastHour, 1);
        var critical = new List<string>();
        var warnings = new List<string>();
        if (facts.Backlog > BacklogCritical)
        {
            critical.Add($"backlog {facts.Backlog} > {BacklogCritical}");
        }

        if (failureRate > FailureRateCritical)
        {
            critical.Add($"failure rate {failureRate}% > {FailureRateCritical}%");
        }
        else if (failureRate > FailureRateWarning)
        {
            warnings.Add($"failure rate {failureRate}% > {FailureRateWarning}%");
        }

        if (facts.CircuitOpen)
        {
            critical.Add("provider circuit open");
        }

        if (facts.OpenAlerts > 0)
        {
            warnings.Add($"{facts.OpenAlerts} open alerts ({facts.DeadLettered} dead-lettered items)");
        }

        var status = critical.Count > 0 ? Critical : warnings.Count > 0 ? Warning : Healthy;
        return new EnrichmentHealth(status, failureRate, [.. critical, .. warnings]);
    }
}
