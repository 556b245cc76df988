namespace Portal.Jobs.Retention;

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Finished runs (and their log lines) older than this are purged.</summary>
    public int RunDays { get; set; } = 30;

    /// <summary>Failed runs are kept longer: they are the ones people come back to.</summary>
    public int FailedRunDays { get; set; } = 90;
}
