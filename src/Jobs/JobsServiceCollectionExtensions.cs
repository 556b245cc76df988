using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Jobs.Backfill;
using Portal.Jobs.Demo;
using Portal.Jobs.Monitoring;
using Portal.Jobs.Retention;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.Jobs.Slots;
using Quartz;

namespace Portal.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the scheduler (Quartz on PostgreSQL, clustered), the run infrastructure and every job.
    /// Every process can trigger jobs; only a process with <paramref name="executesJobs"/> runs them.
    /// </summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, string connectionString, bool executesJobs)
    {
        services.Configure<RunOptions>(configuration.GetSection(RunOptions.Section));
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.Configure<SlotOptions>(configuration.GetSection(SlotOptions.Section));
        services.Configure<BackfillUploadOptions>(configuration.GetSection(BackfillUploadOptions.Section));
        services.AddSingleton<SlotEvaluator>();
        services.AddSingleton<CompanyDirectory>();
        services.AddSingleton<Configuration.ConfigStore>();
        var nodeName = configuration[$"{RunOptions.Section}:{nameof(RunOptions.NodeName)}"] ?? new RunOptions().NodeName;

        services.AddSingleton<RunStore>();
        services.AddSingleton<RunJobServices>();
        services.AddSingleton<RunHistory>();
        services.AddSingleton<LocalRuns>();
        services.AddSingleton<RunEventHub>();
        services.AddHostedService<RunEventListener>();
        services.AddSingleton<JobCatalog>();
        services.AddSingleton<JobTriggerService>();
        services.AddSingleton<JobScheduleService>();

        services.AddSingleton(new JobDefinition(
            CountSlowlyJob.Name,
            "Demo: count slowly",
            "Counts to a number with a pause per step. Harmless; shows progress, cancellation and recovery.",
            typeof(CountSlowlyJob),
            DefaultCron: null,
            Parameters:
            [
                new JobParameter("count", "Count to", JobParameterKind.Number, "20", 1, 1_000_000),
                new JobParameter("delayMs", "Pause per step (ms)", JobParameterKind.Number, "500", 0, 60_000),
            ]));
        services.AddSingleton(new JobDefinition(
            PurgeRunHistoryJob.Name,
            "Purge run history",
            "Deletes finished runs and their log lines past the retention age (failed runs are kept longer).",
            typeof(PurgeRunHistoryJob),
            DefaultCron: "0 30 3 * * ?"));

        services.AddSingleton(new JobDefinition(
            EvaluateCompanySlotsJob.Name,
            "Evaluate company slots",
            "Finds the CEO, CFO and HR of every changed company, opens, fills or closes slots, and requests enrichment for open ones.",
            typeof(EvaluateCompanySlotsJob),
            DefaultCron: "0 0 * * * ?",
            SupportsDryRun: true,
            Parameters: [new JobParameter("full", "Evaluate every company (ignore the watermark)", JobParameterKind.Boolean, "false")]));

        services.AddSingleton<LegacyBackfillImporter>();
        services.AddSingleton(new JobDefinition(
            ImportLegacyBackfillJob.Name,
            "Import legacy backfill",
            "Imports a stored legacy outreach CSV: normalizes, matches and creates or updates companies and people (never a locked field), writes BIT and Talent Flow baselines, logs every row; resumes after its checkpoint.",
            typeof(ImportLegacyBackfillJob),
            DefaultCron: null,
            SupportsDryRun: true,
            Parameters: [new JobParameter("importId", "Import id", JobParameterKind.Number, "0", 1, long.MaxValue)]));

        services.AddMonitoringJobs(configuration);

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                // One instance name for the cluster, one instance id per node.
                scheduler.InstanceName = "portal";
                scheduler.InstanceId = nodeName;

                // A stopping node cancels its jobs so their firings are handed back for recovery elsewhere.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = configuration.GetValue("Scheduler:CheckinInterval", TimeSpan.FromSeconds(7.5));
                    cluster.CheckinMisfireThreshold = configuration.GetValue("Scheduler:CheckinMisfireThreshold", TimeSpan.FromSeconds(20));
                });
                store.ProvisionSchema();
                store.ConfigureStore(options => options.RecoverFiringsCancelledByShutdown = true);
            });
        });
        services.AddQuartzHostedService(options =>
        {
            options.AutoStart = executesJobs;
            options.WaitForJobsToComplete = false;
        });
        services.AddHostedService<JobScheduleBootstrapper>();
        return services;
    }
}
