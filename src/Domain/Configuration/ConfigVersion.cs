namespace Portal.Domain.Configuration;

/// <summary>One saved version of an editable configuration document (rules, thresholds), with who and when.</summary>
public sealed class ConfigVersion
{
    public long Id { get; set; }

    /// <summary>Which document: see <see cref="ConfigKinds"/>.</summary>
    public required string Kind { get; set; }

    public int Version { get; set; }

    /// <summary>The document as JSON.</summary>
    public required string Content { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? Comment { get; set; }
}

public static class ConfigKinds
{
    public const string NormalizationRules = "normalization_rules";
    public const string MatchingThresholds = "matching_thresholds";
    public const string BitScoring = "bit_scoring";
    public const string MergeRules = "merge_rules";
}
