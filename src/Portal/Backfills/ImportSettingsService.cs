using System.Security.Claims;
using System.Text.Json;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Configuration;
using Portal.Jobs.Configuration;

namespace Portal.Backfills;

/// <summary>
/// The import's rules an Admin edits in Settings: normalization rules, matching thresholds and BIT scoring,
/// each a versioned JSON document that is validated before it is saved, with who and when (audited).
/// </summary>
public sealed class ImportSettingsService(ConfigStore store, AuditWriter audit)
{
    public static readonly IReadOnlyList<ImportSettingDocument> Documents =
    [
        new(ConfigKinds.NormalizationRules, "Normalization rules", NormalizationRules.Default,
            json => Problems(Parse<NormalizationRules>(json)?.Validate())),
        new(ConfigKinds.MatchingThresholds, "Matching thresholds", MatchingThresholds.Default,
            json => Thrown(() => Parse<MatchingThresholds>(json)?.Validate())),
        new(ConfigKinds.BitScoring, "BIT scoring", BitScoring.Default,
            json => Thrown(() => Parse<BitScoring>(json)?.Validate())),
    ];

    public async Task<ImportSettingState> GetAsync(string kind, CancellationToken cancellationToken = default)
    {
        var document = Find(kind);
        var history = await store.HistoryAsync(kind, cancellationToken);
        var current = history.Count > 0 ? history[0] : null;
        var value = current is null
            ? document.Defaults
            : JsonSerializer.Deserialize(current.Content, document.Defaults.GetType(), ConfigStore.Json)!;
        return new ImportSettingState(document, JsonSerializer.Serialize(value, document.Defaults.GetType(), ConfigStore.Json), current, history);
    }

    /// <returns>Null when saved, else why not.</returns>
    public async Task<string?> SaveAsync(ClaimsPrincipal actor, string kind, string json, string? comment, CancellationToken cancellationToken = default)
    {
        var document = Find(kind);
        string? problem;
        try
        {
            problem = document.Check(json);
        }
        catch (JsonException ex)
        {
            problem = $"Not valid JSON for {document.Title}: {ex.Message}";
        }

        if (problem is not null)
        {
            return problem;
        }

        var value = JsonSerializer.Deserialize(json, document.Defaults.GetType(), ConfigStore.Json)!;
        var saved = await store.SaveAsync(kind, value, AuditWriter.ActorName(actor), comment, cancellationToken);
        await audit.WriteAsync(actor, AuditActions.ConfigSaved, "config", kind, new { saved.Version, comment }, cancellationToken: cancellationToken);
        return null;
    }

    private static ImportSettingDocument Find(string kind) =>
        Documents.FirstOrDefault(d => d.Kind == kind) ?? throw new ArgumentException($"Unknown settings document '{kind}'.", nameof(kind));

    private static T? Parse<T>(string json) => JsonSerializer.Deserialize<T>(json, ConfigStore.Json);

    private static string? Problems(IReadOnlyList<string>? problems) =>
        problems is null ? "The document is empty." : problems.Count == 0 ? null : string.Join(" ", problems);

    private static string? Thrown(Func<object?> validate)
    {
        try
        {
            return validate() is null ? "The document is empty." : null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}

public sealed record ImportSettingDocument(string Kind, string Title, object Defaults, Func<string, string?> Check);

public sealed record ImportSettingState(ImportSettingDocument Document, string Json, ConfigVersion? Version, IReadOnlyList<ConfigVersion> History);
