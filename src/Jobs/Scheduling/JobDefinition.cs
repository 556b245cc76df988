using Quartz;

namespace Portal.Jobs.Scheduling;

/// <summary>What the portal knows about a job: its name, what it does, its default schedule and its parameters.</summary>
public sealed record JobDefinition(
    string Name,
    string Title,
    string Description,
    Type JobType,
    string? DefaultCron,
    bool SupportsDryRun = false,
    IReadOnlyList<JobParameter>? Parameters = null)
{
    public JobKey Key => new(Name, JobCatalog.Group);

    /// <summary>Exclusive jobs carry Quartz's [DisallowConcurrentExecution]; the attribute is the single source.</summary>
    public bool Exclusive => JobType.IsDefined(typeof(DisallowConcurrentExecutionAttribute), inherit: true);

    public IReadOnlyList<JobParameter> ParameterList => Parameters ?? [];
}

public enum JobParameterKind
{
    Number,
    Text,
    Boolean,
}

public sealed record JobParameter(string Name, string Label, JobParameterKind Kind, string DefaultValue, long? Min = null, long? Max = null);
