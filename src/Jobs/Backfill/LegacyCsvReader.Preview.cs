using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

public sealed partial class LegacyCsvReader
{
    /// <summary>Examples kept per problem.</summary>
    public const int ExamplesPerProblem = 5;

    /// <summary>
    /// Checks the whole file, streamed, as the import would read it, and writes nothing anywhere: the header mapping,
    /// the first <paramref name="maxRows"/> rows normalized for display, and for every kind of problem how often it
    /// occurs with its first examples. Memory does not grow with the file.
    /// </summary>
    public static LegacyCsvPreview Preview(
        Stream stream, int maxRows, RowNormalizer? normalizer = null, IReadOnlyDictionary<string, string>? columnMap = null,
        LegacyCsvLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        normalizer ??= new RowNormalizer(NormalizationRules.Default);
        using var reader = new LegacyCsvReader(stream, leaveOpen: true, columnMap, limits);
        var problems = new ProblemTally();
        if (reader.FileNotice is { } notice)
        {
            problems.Add(LegacyProblemKinds.FileEncoding, null, LegacyIssueSeverity.Warning, 0, null, notice);
        }

        foreach (var missing in reader.Header.MissingRequired)
        {
            problems.Add(LegacyProblemKinds.MissingColumn, null, LegacyIssueSeverity.Error, 0, missing, $"required column {missing} is missing from the header");
        }

        foreach (var unmapped in reader.Header.Unmapped)
        {
            problems.Add(LegacyProblemKinds.UnknownColumn, null, LegacyIssueSeverity.Warning, 0, null, $"column \"{unmapped}\" is not a known column and is ignored");
        }

        foreach (var repeated in reader.Header.Repeated)
        {
            problems.Add(LegacyProblemKinds.RepeatedColumn, null, LegacyIssueSeverity.Warning, 0, repeated.Column, repeated.Message);
        }

        foreach (var flag in reader.HeaderFlags)
        {
            problems.Add(flag.Kind, null, LegacyIssueSeverity.Warning, 0, flag.Column, flag.Message);
        }

        var rows = new List<LegacyPreviewRow>();
        int total = 0, withErrors = 0, withWarnings = 0;
        foreach (var row in reader.ReadRows(cancellationToken))
        {
            total++;
            NormalizedRow? normalized = null;
            var warned = row.Flags.Count > 0 || row.Warning is not null;
            if (row.Error is not null)
            {
                withErrors++;
                var column = row.ErrorKind == LegacyRowErrorKinds.RequiredBlank ? LegacyColumns.Required.First(c => row.Error.StartsWith(c, StringComparison.Ordinal)) : null;
                problems.Add(row.ErrorKind ?? LegacyRowErrorKinds.Unreadable, null, LegacyIssueSeverity.Error, row.RowNumber, column, row.Error);
            }
            else
            {
                try
                {
                    normalized = normalizer.Row(row.Row!);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    withErrors++;
                    problems.Add(LegacyProblemKinds.NormalizationFailed, null, LegacyIssueSeverity.Error, row.RowNumber, null, ex.Message);
                }
            }

            foreach (var flag in row.Flags)
            {
                // An overlong line is the row's error, already counted.
                if (flag.Kind != LegacyFlagKinds.OverlongLine)
                {
                    problems.Add(flag.Kind, null, LegacyIssueSeverity.Warning, row.RowNumber, flag.Column, flag.Message);
                }
            }

            if (row.Warning is not null)
            {
                problems.Add(LegacyProblemKinds.StrayQuote, null, LegacyIssueSeverity.Warning, row.RowNumber, null, row.Warning);
            }

            foreach (var warning in normalized?.Warnings ?? [])
            {
                warned = true;
                var colon = warning.IndexOf(':', StringComparison.Ordinal);
                var column = colon > 0 ? warning[..colon] : null;
                problems.Add(LegacyProblemKinds.Normalization, column, LegacyIssueSeverity.Warning, row.RowNumber, column, colon > 0 ? warning[(colon + 1)..].Trim() : warning);
            }

            withWarnings += warned ? 1 : 0;
            if (rows.Count < maxRows)
            {
                rows.Add(new LegacyPreviewRow(row.RowNumber, row.Cells, normalized, row.Error));
            }
        }

        return new LegacyCsvPreview(reader.Header, reader.FileNotice, rows, problems.ToList(), total, withErrors, withWarnings);
    }

    /// <summary>Counts per problem (kind, and column where the kind is per column) with the first examples, in order of first occurrence.</summary>
    private sealed class ProblemTally
    {
        private readonly Dictionary<(string Kind, string? Column), Tally> byKey = [];

        public void Add(string kind, string? keyColumn, LegacyIssueSeverity severity, int rowNumber, string? column, string message)
        {
            if (!byKey.TryGetValue((kind, keyColumn), out var tally))
            {
                tally = new Tally(byKey.Count, severity);
                byKey.Add((kind, keyColumn), tally);
            }

            tally.Count++;
            if (tally.Examples.Count < ExamplesPerProblem)
            {
                tally.Examples.Add(new LegacyValidationIssue(rowNumber, column, severity, message));
            }
        }

        public List<LegacyPreviewProblem> ToList() =>
        [
            .. byKey.OrderBy(p => p.Value.Order)
                .Select(p => new LegacyPreviewProblem(p.Key.Kind, p.Key.Column, p.Value.Severity, p.Value.Count, p.Value.Examples)),
        ];

        private sealed class Tally(int order, LegacyIssueSeverity severity)
        {
            public int Order { get; } = order;

            public LegacyIssueSeverity Severity { get; } = severity;

            public int Count { get; set; }

            public List<LegacyValidationIssue> Examples { get; } = [];
        }
    }
}

/// <summary>
/// The kinds of problem a preview counts besides <see cref="LegacyFlagKinds"/> and <see cref="LegacyRowErrorKinds"/>.
/// </summary>
public static class LegacyProblemKinds
{
    public const string FileEncoding = "file_encoding";
    public const string MissingColumn = "missing_column";
    public const string UnknownColumn = "unknown_column";
    public const string RepeatedColumn = "repeated_column";
    public const string StrayQuote = "stray_quote";

    /// <summary>A value normalization could not read (counted per column).</summary>
    public const string Normalization = "normalization";

    public const string NormalizationFailed = "normalization_failed";
}

public enum LegacyIssueSeverity
{
    Warning,
    Error,
}

/// <summary>One finding of a preview: row 0 is the file or its header; column is canonical, or null for the whole row.</summary>
public sealed record LegacyValidationIssue(int RowNumber, string? Column, LegacyIssueSeverity Severity, string Message);

/// <summary>
/// One kind of problem over the whole file: how many times it occurs and its first examples.
/// </summary>
/// <param name="Kind">One of <see cref="LegacyFlagKinds"/>, <see cref="LegacyRowErrorKinds"/> or <see cref="LegacyProblemKinds"/>.</param>
/// <param name="Column">The column, for a kind counted per column (normalization warnings), else null.</param>
public sealed record LegacyPreviewProblem(string Kind, string? Column, LegacyIssueSeverity Severity, int Count, IReadOnlyList<LegacyValidationIssue> Examples);

public sealed record LegacyPreviewRow(int RowNumber, IReadOnlyList<string> Cells, NormalizedRow? Normalized, string? Error);

/// <summary>A whole-file check of a legacy CSV before it is imported.</summary>
/// <param name="FileNotice">How the whole file was decoded when it is not UTF-8, else null.</param>
/// <param name="Rows">The first rows, normalized for display.</param>
/// <param name="Problems">Every kind of problem with its count and first examples, in order of first occurrence.</param>
/// <param name="TotalRows">Data rows in the file.</param>
/// <param name="RowsWithErrors">Rows that will not be imported.</param>
/// <param name="RowsWithWarnings">Rows with at least one flag or warning.</param>
public sealed record LegacyCsvPreview(
    LegacyHeaderMapping Header,
    string? FileNotice,
    IReadOnlyList<LegacyPreviewRow> Rows,
    IReadOnlyList<LegacyPreviewProblem> Problems,
    int TotalRows,
    int RowsWithErrors,
    int RowsWithWarnings)
{
    /// <summary>The examples of every problem.</summary>
    public IReadOnlyList<LegacyValidationIssue> Issues => [.. Problems.SelectMany(p => p.Examples)];

    public int ErrorCount => Problems.Where(p => p.Severity == LegacyIssueSeverity.Error).Sum(p => p.Count);

    public int WarningCount => Problems.Where(p => p.Severity == LegacyIssueSeverity.Warning).Sum(p => p.Count);
}
