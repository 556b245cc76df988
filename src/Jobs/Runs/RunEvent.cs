using System.Text.Json.Serialization;

namespace Portal.Jobs.Runs;

/// <summary>What changed in a run; sent over PostgreSQL NOTIFY so every node's pages hear it.</summary>
public sealed record RunEvent(
    [property: JsonPropertyName("runId")] long RunId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("done")] long? Done = null,
    [property: JsonPropertyName("total")] long? Total = null)
{
    public const string Channel = "portal_run_events";
    public const string KindProgress = "progress";
    public const string KindStatus = "status";
    public const string KindLog = "log";
    public const string KindCancel = "cancel";
}
