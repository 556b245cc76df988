using Portal.Domain.Backfill.Baselines;
using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;
using Portal.Domain.Configuration;
using Portal.Jobs.Configuration;

namespace Portal.Jobs.Backfill;

/// <summary>The admin-edited configuration an import (or a review resolution) runs with, and its versions.</summary>
public sealed record ImportConfiguration(Versioned<NormalizationRules> Rules, Versioned<MatchingThresholds> Thresholds, Versioned<BitScoring> Scoring, Versioned<MergeRules> Merge)
{
    public static async Task<ImportConfiguration> CurrentAsync(ConfigStore config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ImportConfiguration(
            await config.GetCurrentAsync(ConfigKinds.NormalizationRules, NormalizationRules.Default, cancellationToken),
            await config.GetCurrentAsync(ConfigKinds.MatchingThresholds, MatchingThresholds.Default, cancellationToken),
            await config.GetCurrentAsync(ConfigKinds.BitScoring, BitScoring.Default, cancellationToken),
            await config.GetCurrentAsync(ConfigKinds.MergeRules, MergeRules.Default, cancellationToken));
    }

    public BackfillImportOptions Options(bool dryRun = false, int batchSize = BackfillImportOptions.DefaultBatchSize, IReadOnlyDictionary<string, string>? columnMap = null) => new()
    {
        DryRun = dryRun,
        BatchSize = batchSize,
        Rules = Rules.Value,
        Thresholds = Thresholds.Value,
        Scoring = Scoring.Value,
        Merge = Merge.Value,
        ColumnMap = columnMap,
    };
}
