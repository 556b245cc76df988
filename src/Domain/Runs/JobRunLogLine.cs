namespace Portal.Domain.Runs;

public sealed class JobRunLogLine
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>info, warning or error.</summary>
    public required string Level { get; set; }

    public required string Message { get; set; }
}
