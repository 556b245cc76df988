using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Portal.Jobs.Enrichment;

/// <summary>
/// The continuous worker on every job-running node: ingests new tasks, takes back items of dead workers, and
/// processes due items batch after batch; idle, it waits <see cref="EnrichmentOptions.PollInterval"/>. Claims skip
/// locked rows, so any number of these run side by side without processing an item twice.
/// </summary>
public sealed partial class EnrichmentWorker(EnrichmentProcessor processor, IOptions<EnrichmentOptions> options, ILogger<EnrichmentWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.IngestAsync(full: false, stoppingToken);
                await processor.RecoverExpiredClaimsAsync(stoppingToken);
                var batch = await processor.ProcessBatchAsync(null, options.Value.BatchSize, stoppingToken);
                await processor.SaveProviderStateAsync(stoppingToken);
                if (batch.Claimed > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogCycleFailed(ex);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Enrichment worker cycle failed; trying again after the poll interval")]
    private partial void LogCycleFailed(Exception ex);
}
