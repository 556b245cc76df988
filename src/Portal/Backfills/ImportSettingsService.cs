using System.Security.Claims;
using System.Text.Json;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Configuration;
using Portal.Jobs.Configuration;
using Npgsql;

namespace Portal.Backfills;

/// <summary>
/// The import's rules an Admin edits in Settings: normalization rules, matching thresholds and BIT scoring,
/// each a versioned JSON document that is validated before it is saved, with who and when (audited).
/// </summary>
public sealed class ImportSettingsService(ConfigStore store, AuditWriter audit, NpgsqlDataSource dataSource)
{
    public static readonly IReadOnlyList<ImportSettingDocument> Documents =
    [
        new(ConfigKinds.NormalizationRules, "Normalization rules", NormalizationRules.Default,
            json => Problems(Parse<NormalizationRules>(json)?.Validate())),
        new(ConfigKinds.MatchingThresholds, "Matching thresholds", MatchingThresholds.Default,
            json => Thrown(() => Parse<MatchingThresholds>(json)?.Validate())),
        new(ConfigKinds.BitScoring, "BIT scoring", BitScoring.Default,
            json => Thrown(() => Parse<BitScoring>(json)?.Validate())),
        new(ConfigKinds.MergeRules, "Merge policy", MergeRules.Default,
            json => Parse<MergeRules>(json) is null ? "The document is empty." : null),
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

    /// <summary>
    /// How the rows of the latest import would split into auto-match / review / new under the current thresholds
    /// and under <paramref name="json"/>, replayed on the scores the import recorded (one grouped query).
    /// </summary>
    /// <returns>Null when no import has rows yet; a problem when the JSON is not valid thresholds.</returns>
    public async Task<ThresholdSplitPreview?> SplitPreviewAsync(string json, CancellationToken cancellationToken = default)
    {
        MatchingThresholds proposed;
        try
        {
            proposed = Parse<MatchingThresholds>(json)?.Validate() ?? throw new ArgumentException("The document is empty.");
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return new ThresholdSplitPreview(0, null, null, ex.Message);
        }

        const string sql = """
            WITH latest AS (SELECT max(import_id) AS id FROM public.backfill_log),
            evidence AS (
                SELECT l.actions_taken -> 'company' ->> 'match_type' AS company_match,
                       round((l.actions_taken -> 'company' ->> 'confidence')::numeric, 3) AS company_score,
                       l.actions_taken -> 'person' ->> 'match_type' AS person_match,
                       round((l.actions_taken -> 'person' ->> 'confidence')::numeric, 3) AS person_score,
                       coalesce(m.match_attempts -> t.level -> 'candidates' -> 0 -> 'score' = m.match_attempts -> t.level -> 'candidates' -> 1 -> 'score', false) AS tie
                  FROM public.backfill_log l JOIN latest ON l.import_id = latest.id
                  LEFT JOIN garage.missing_parts m ON m.backfill_log_id = l.id
                  LEFT JOIN LATERAL (SELECT CASE WHEN m.match_attempts ? 'person' THEN 'person' ELSE 'company' END AS level) t ON true
                 WHERE l.resolution_status NOT IN ('error', 'duplicate'))
            SELECT (SELECT id FROM latest), company_match, company_score, person_match, person_score, tie, count(*)
              FROM evidence GROUP BY company_match, company_score, person_match, person_score, tie
            """;
        await using var command = dataSource.CreateCommand(sql);
        var rows = new List<RowEvidence>();
        long importId = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                importId = reader.GetInt64(0);
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                double? Score(int i) => reader.IsDBNull(i) ? null : (double)reader.GetDecimal(i);
                rows.Add(new RowEvidence(Text(1), Score(2), Text(3), Score(4), reader.GetInt64(6), reader.GetBoolean(5)));
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var current = await store.GetCurrentAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default, cancellationToken);
        return new ThresholdSplitPreview(importId, ThresholdSplit.Classify(rows, current.Value), ThresholdSplit.Classify(rows, proposed), null);
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

public sealed record ThresholdSplitPreview(long ImportId, SplitCounts? Current, SplitCounts? Proposed, string? Problem);
