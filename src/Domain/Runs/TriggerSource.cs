namespace Portal.Domain.Runs;

/// <summary>What started a run.</summary>
public static class TriggerSource
{
    public const string Schedule = "schedule";
    public const string User = "user";
    public const string Api = "api";
    public const string Retry = "retry";
    public const string CommandLine = "cli";

    public static readonly IReadOnlyList<string> All = [Schedule, User, Api, Retry, CommandLine];
}
