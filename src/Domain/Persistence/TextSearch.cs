namespace Portal.Domain.Persistence;

/// <summary>Builds the pattern for a "contains" search on a lower-cased search column.</summary>
public static class TextSearch
{
    /// <summary>The escape character of <see cref="ContainsPattern"/>, to pass to LIKE.</summary>
    public const string Escape = "\\";

    /// <summary>The user's text matched literally (% and _ are not wildcards), case-insensitively.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.Trim().ToLowerInvariant()
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
