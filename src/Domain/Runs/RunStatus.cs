namespace Portal.Domain.Runs;

public enum RunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

public static class RunStatusExtensions
{
    public static bool IsFinished(this RunStatus status) =>
        status is RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled;

    public static string ToDb(this RunStatus status) => status.ToString().ToLowerInvariant();

    public static RunStatus ParseDb(string value) => Enum.Parse<RunStatus>(value, ignoreCase: true);
}
