using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Portal.Jobs.Runs;

/// <summary>
/// Holds one connection that LISTENs for run events from every node and hands them to the hub;
/// reconnects after a database outage.
/// </summary>
public sealed partial class RunEventListener(
    NpgsqlDataSource dataSource,
    RunEventHub hub,
    LocalRuns localRuns,
    ILogger<RunEventListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {RunEvent.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                LogListenFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private void Dispatch(string payload)
    {
        var runEvent = JsonSerializer.Deserialize<RunEvent>(payload);
        if (runEvent is null)
        {
            return;
        }

        if (runEvent.Kind == RunEvent.KindCancel)
        {
            localRuns.Cancel(runEvent.RunId);
        }

        hub.Publish(runEvent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for run events failed; retrying")]
    private partial void LogListenFailed(Exception ex);
}
