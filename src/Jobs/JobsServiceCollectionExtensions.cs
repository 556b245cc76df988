using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portal.Jobs.Backfill;
using Portal.Jobs.Demo;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Enrichment.Providers;
using Portal.Jobs.Monitoring;
using Portal.Jobs.Retention;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.Jobs.Slots;
using Portal.Jobs.Watermarks;
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
        services.AddOptions<BackfillUploadOptions>()
            .Bind(configuration.GetSection(BackfillUploadOptions.Section))
            .PostConfigure<IHostEnvironment>((options, host) =>
            {
                if (string.IsNullOrWhiteSpace(options.UploadDirectory))
                {
                    options.UploadDirectory = BackfillUploadOptions.DefaultUploadDirectory(host.ContentRootPath);
                }
            });
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

        AddEnrichment(services, configuration, executesJobs);

        services.AddSingleton<LegacyBackfillImporter>();
        services.AddSingleton<BackfillImportStore>();
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

    private static void AddEnrichment(IServiceCollection services, IConfiguration configuration, bool executesJobs)
    {
        var section = configuration.GetSection(EnrichmentOptions.Section);
        services.Configure<EnrichmentOptions>(section);
        services.TryAddSingleton(TimeProvider.System);
        var provider = section[nameof(EnrichmentOptions.Provider)] ?? SimulatedProvider.ProviderName;
        switch (provider)
        {
            case SimulatedProvider.ProviderName: services.AddSingleton<IEnrichmentProvider, SimulatedProvider>(); break;
            case HttpEnrichmentProvider.ProviderName: services.AddSingleton<IEnrichmentProvider, HttpEnrichmentProvider>(); break;
            default: throw new InvalidOperationException($"Enrichment:Provider '{provider}' is unknown; use {SimulatedProvider.ProviderName} or {HttpEnrichmentProvider.ProviderName}.");
        }

        services.AddSingleton<EnrichmentProcessor>();
        services.AddSingleton<EnrichmentDirectory>();
        services.AddSingleton<ReEnrichmentBackfill>();
        services.AddSingleton<WatermarkRepair>();
        if (executesJobs && section.GetValue(nameof(EnrichmentOptions.WorkerEnabled), true))
        {
            services.AddHostedService<EnrichmentWorker>();
        }

        services.AddSingleton(new JobDefinition(
            ProcessEnrichmentJob.Name,
            "Process enrichment now",
            "Ingests new slot backfill tasks and processes every due enrichment item now (the continuous worker does this all the time).",
            typeof(ProcessEnrichmentJob),
            DefaultCron: null));
        services.AddSingleton(new JobDefinition(
            ReprocessEnrichmentJob.Name,
            "Reprocess enrichment",
            "Sweeps for missed tasks and queues items again whose results are NULL, or whose confidence is below 0.7 and older than 24 hours, under the retry limit.",
            typeof(ReprocessEnrichmentJob),
            DefaultCron: "0 0 0/4 * * ?",
            SupportsDryRun: true));
        services.AddSingleton(new JobDefinition(
            ReEnrichBackfillJob.Name,
            "Re-enrichment backfill",
            "Asks the provider again about a selection of slots (placeholder, failed, low confidence, stale), in batches with a pause between them.",
            typeof(ReEnrichBackfillJob),
            DefaultCron: null,
            SupportsDryRun: true,
            Parameters:
            [
                new JobParameter("selection", "Selection (placeholder, failed, low_confidence, stale)", JobParameterKind.Text, "placeholder"),
                new JobParameter("staleDays", "Stale: older than days", JobParameterKind.Number, "30", 1, 3650),
                new JobParameter("slotType", "Slot type (CEO, CFO, HR; empty for all)", JobParameterKind.Text, ""),
                new JobParameter("batchSize", "Batch size", JobParameterKind.Number, "50", 1, 10_000),
                new JobParameter("delayMs", "Pause between batches (ms)", JobParameterKind.Number, "1000", 0, 600_000),
            ]));
        services.AddSingleton(new JobDefinition(
            RepairWatermarksJob.Name,
            "Repair watermarks",
            "Recomputes missing watermarks of incremental jobs from the data, with a per-watermark breakdown; existing ones are left alone.",
            typeof(RepairWatermarksJob),
            DefaultCron: null,
            SupportsDryRun: true));
    }
}
