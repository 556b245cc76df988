using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Domain.Persistence;
using Portal.Domain.Runs;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;

namespace Portal.Jobs.Tests;

/// <summary>A real scheduler node (Quartz on the test database, clustered) as the worker role runs it.</summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly IHost host;

    private JobsHost(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public JobTriggerService Triggers => Services.GetRequiredService<JobTriggerService>();

    public RunStore Runs => Services.GetRequiredService<RunStore>();

    public static async Task<JobsHost> StartAsync(TestDatabase database, string nodeName = "test-node", IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runs:NodeName"] = nodeName,
            ["Runs:ProgressWriteInterval"] = "00:00:00.050",
            ["Scheduler:CheckinInterval"] = "00:00:01",
            ["Scheduler:CheckinMisfireThreshold"] = "00:00:03",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddPortalDatabase(database.ConnectionString);
        builder.Services.AddPortalJobs(builder.Configuration, database.ConnectionString, executesJobs: true);
        var host = builder.Build();
        await host.StartAsync();
        return new JobsHost(host);
    }

    public static async Task<JobRun> WaitForRunAsync(TestDatabase database, long runId, Func<JobRun, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var db = database.CreateContext();
            var run = await db.JobRuns.FindAsync(runId) ?? throw new InvalidOperationException($"Run {runId} does not exist.");
            if (condition(run))
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} did not reach the expected state; it is {run.Status} at {run.Done}/{run.Total}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
