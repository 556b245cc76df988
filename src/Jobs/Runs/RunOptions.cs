namespace Portal.Jobs.Runs;

public sealed class RunOptions
{
    public const string Section = "Runs";

    /// <summary>Name of this scheduler node, shown on runs and in the cluster view.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Least time between two progress writes of one run.</summary>
    public TimeSpan ProgressWriteInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
