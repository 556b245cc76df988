using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Jobs.Scheduling;

namespace Portal.Jobs.Monitoring;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>The metrics job (every minute), the alert engine and the webhook sender.</summary>
    public static IServiceCollection AddMonitoringJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MonitoringOptions>(configuration.GetSection(MonitoringOptions.Section));
        services.AddHttpClient(WebhookNotifier.HttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<MetricSampleStore>();
        services.AddSingleton<AlertEngine>();
        services.AddSingleton<WebhookNotifier>();
        services.AddSingleton(new JobDefinition(
            CollectMetricsJob.Name,
            "Collect metrics",
            "Stores a snapshot of every metric, evaluates the alert rules (pending, firing, resolved) and delivers the webhook notifications.",
            typeof(CollectMetricsJob),
            DefaultCron: "0 * * * * ?"));
        return services;
    }
}
