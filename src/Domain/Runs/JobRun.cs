namespace Portal.Domain.Runs;

/// <summary>The durable record of one execution of one job: the truth every page and API reads.</summary>
public sealed class JobRun
{
    public long Id { get; set; }

    public required string JobName { get; set; }

    public required string TriggerSource { get; set; }

    /// <summary>User name or API key name that started it; null for the scheduler.</summary>
    public string? TriggeredBy { get; set; }

    /// <summary>Parameters as a JSON object.</summary>
    public string Parameters { get; set; } = "{}";

    public bool DryRun { get; set; }

    public RunStatus Status { get; set; } = RunStatus.Queued;

    /// <summary>True for jobs that must never run twice at once; a partial unique index enforces it.</summary>
    public bool Exclusive { get; set; }

    public long Done { get; set; }

    public long? Total { get; set; }

    public string? Message { get; set; }

    /// <summary>Summary counts as a JSON object.</summary>
    public string? Summary { get; set; }

    public string? Error { get; set; }

    public string? ErrorDetail { get; set; }

    /// <summary>Scheduler node that executes (or last executed) the run.</summary>
    public string? Node { get; set; }

    /// <summary>How many times a node picked the run up again after its node died.</summary>
    public int Recoveries { get; set; }

    public long? RetryOfRunId { get; set; }

    public DateTimeOffset QueuedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Last progress write; a heartbeat for live pages.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public string? CancelRequestedBy { get; set; }

    public List<JobRunLogLine> LogLines { get; set; } = [];
}
