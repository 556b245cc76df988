using System.Collections.Concurrent;

namespace Portal.Jobs.Runs;

/// <summary>Cancellation sources of the runs executing in this process, so a cancel request from any node reaches them.</summary>
public sealed class LocalRuns
{
    private readonly ConcurrentDictionary<long, CancellationTokenSource> running = new();

    public IReadOnlyCollection<long> RunIds => [.. running.Keys];

    public CancellationTokenSource Register(long runId, CancellationToken linkedTo)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(linkedTo);
        running[runId] = source;
        return source;
    }

    public void Unregister(long runId)
    {
        if (running.TryRemove(runId, out var source))
        {
            source.Dispose();
        }
    }

    public void Cancel(long runId)
    {
        if (running.TryGetValue(runId, out var source))
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run finished between lookup and cancel: nothing left to stop.
            }
        }
    }
}
