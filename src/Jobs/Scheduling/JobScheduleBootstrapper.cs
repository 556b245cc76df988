using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Portal.Jobs.Scheduling;

/// <summary>
/// Stores every job in Quartz and gives each recurring job its trigger the first time only, so a schedule
/// an admin changed later survives restarts. Several nodes may do this at once: Quartz serializes it.
/// </summary>
public sealed class JobScheduleBootstrapper(ISchedulerFactory schedulerFactory, JobCatalog catalog, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        foreach (var job in catalog.All)
        {
            var detail = JobBuilder.Create()
                .OfType(job.JobType)
                .WithIdentity(job.Key)
                .WithDescription(job.Title)
                .StoreDurably()
                .RequestRecovery()
                .Build();
            await scheduler.AddJob(detail, AddJobOptions.Replacing, cancellationToken);

            var cron = configuration[$"Jobs:{job.Name}:Cron"] ?? job.DefaultCron;
            var triggerKey = ScheduleTriggerKey(job);
            if (cron is null || await scheduler.Exists(triggerKey, cancellationToken))
            {
                continue;
            }

            try
            {
                await scheduler.ScheduleJob(BuildScheduleTrigger(job, cron), default, cancellationToken);
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node scheduled it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static TriggerKey ScheduleTriggerKey(JobDefinition job) => new($"{job.Name}-schedule", JobCatalog.Group);

    /// <summary>A missed firing (all nodes down) is skipped, not caught up: the next one comes on time.</summary>
    public static ITrigger BuildScheduleTrigger(JobDefinition job, string cron) =>
        TriggerBuilder.Create()
            .WithIdentity(ScheduleTriggerKey(job))
            .ForJob(job.Key)
            .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
}
