namespace Portal.Jobs.Runs;

/// <summary>In-process fan-out of run events to open pages and to the local cancellation registry.</summary>
public sealed class RunEventHub
{
    public event Action<RunEvent>? Received;

    public void Publish(RunEvent runEvent) => Received?.Invoke(runEvent);
}
