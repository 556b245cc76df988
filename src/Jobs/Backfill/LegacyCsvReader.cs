using CsvHelper;
using System.Text;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>How the header of a legacy CSV was understood.</summary>
/// <param name="Headers">The header cells as written.</param>
/// <param name="Columns">Canonical column → its position in a record (the first header naming it wins).</param>
/// <param name="Unmapped">Header cells that name no canonical column (or repeat one already mapped); they are kept in the raw data only.</param>
/// <param name="MissingRequired">Required canonical columns (company_name, full_name) no header names.</param>
public sealed record LegacyHeaderMapping(
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, int> Columns,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<string> MissingRequired);

/// <summary>
/// One data record of a legacy CSV. Every record of the file yields exactly one of these, readable or not.
/// </summary>
/// <param name="RowNumber">1-based position among the data records (the header is not counted); stable for a file, so it identifies the row across resumes.</param>
/// <param name="Cells">The raw cells as parsed (for an unreadable record: its raw text as one cell); what the row hash is computed from.</param>
/// <param name="Row">The cells by canonical column, or null when the record is unreadable (bad quoting, wrong column count).</param>
/// <param name="Error">Why the row cannot be imported (unreadable, or a required column blank), or null.</param>
/// <param name="Warning">A reading problem that did not prevent reading the row (a stray quote kept as text).</param>
public sealed record LegacyCsvRow(int RowNumber, IReadOnlyList<string> Cells, LegacyRow? Row, string? Error, string? Warning = null)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Reads a legacy outreach CSV with CsvHelper (RFC 4180: quoted fields may hold commas, quotes and line breaks).
/// Bytes are UTF-8 with or without BOM, any byte that is not valid UTF-8 read as Windows-1252 (see
/// <see cref="LegacyTextDecoding"/>). A malformed record never stops the file and never disappears: it becomes a
/// row with an <see cref="LegacyCsvRow.Error"/>. An unclosed quote makes a CSV parser swallow the following lines
/// into one field; when a record spanning several lines comes out malformed, its first line is reported as the bad
/// row and the lines after it are parsed again as rows of their own.
/// Cells are data, never evaluated: formula-like cells ("=SUM(…)", "+1…", "@x") are kept exactly as written.
/// </summary>
public sealed class LegacyCsvReader : IDisposable
{
    private readonly StreamReader text;
    private readonly LegacyTextDecoding decoding = new();
    private readonly IEnumerator<RawRecord> records;
    private int rowNumber;

    /// <param name="columnMap">Header cell → canonical column, overriding the automatic mapping for those headers ("" ignores the column).</param>
    public LegacyCsvReader(Stream stream, bool leaveOpen = false, IReadOnlyDictionary<string, string>? columnMap = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        text = new StreamReader(stream, decoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen);
        records = Records(text).GetEnumerator();
        Header = ReadHeader(columnMap ?? new Dictionary<string, string>());
    }

    public LegacyHeaderMapping Header { get; }

    /// <summary>Bytes that were not valid UTF-8 and were read as Windows-1252 so far.</summary>
    public long Windows1252Bytes => decoding.Windows1252Bytes;

    /// <summary>The data rows, in file order, streamed; call once.</summary>
    public IEnumerable<LegacyCsvRow> ReadRows(CancellationToken cancellationToken = default)
    {
        var width = Header.Headers.Count;
        var pending = new Stack<IEnumerator<RawRecord>>();
        var current = records;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!current.MoveNext())
            {
                if (current != records)
                {
                    current.Dispose();
                }

                if (pending.Count == 0)
                {
                    yield break;
                }

                current = pending.Pop();
                continue;
            }

            var record = current.Current;
            var malformed = record.Failure is not null || record.BadData || record.Fields.Length != width;
            if (malformed && SplitLines(record.Raw) is { Count: > 1 } lines)
            {
                // Most likely an unclosed quote that swallowed the next lines: the first line is the bad row.
                rowNumber++;
                yield return new LegacyCsvRow(rowNumber, [lines[0]], null, "unclosed quote: a quoted field does not end on its line");
                pending.Push(current);
                current = Records(new StringReader(string.Join('\n', lines.Skip(1)))).GetEnumerator();
                continue;
            }

            rowNumber++;
            yield return ToRow(rowNumber, record, width);
            if (record.Failure is not null)
            {
                // The parser cannot go on past this point; the rest of this text is lost to it.
                yield break;
            }
        }
    }

    public void Dispose()
    {
        records.Dispose();
        text.Dispose();
    }

    /// <summary>
    /// The header mapping, the first <paramref name="maxRows"/> rows normalized, and a validation report with every
    /// error and warning of those rows by row and column; nothing is written anywhere.
    /// </summary>
    public static LegacyCsvPreview Preview(Stream stream, int maxRows, RowNormalizer? normalizer = null, IReadOnlyDictionary<string, string>? columnMap = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRows);
        normalizer ??= new RowNormalizer(NormalizationRules.Default);
        using var reader = new LegacyCsvReader(stream, leaveOpen: true, columnMap);
        var rows = new List<LegacyPreviewRow>();
        var issues = new List<LegacyValidationIssue>();
        foreach (var missing in reader.Header.MissingRequired)
        {
            issues.Add(new LegacyValidationIssue(0, missing, LegacyIssueSeverity.Error, $"required column {missing} is missing from the header"));
        }

        foreach (var unmapped in reader.Header.Unmapped)
        {
            issues.Add(new LegacyValidationIssue(0, null, LegacyIssueSeverity.Warning, $"column \"{unmapped}\" is not a known column and is ignored"));
        }

        foreach (var row in reader.ReadRows())
        {
            if (rows.Count >= maxRows)
            {
                break;
            }

            var normalized = row.Row is null ? null : normalizer.Row(row.Row);
            rows.Add(new LegacyPreviewRow(row.RowNumber, row.Cells, normalized, row.Error));
            if (row.Error is not null)
            {
                issues.Add(new LegacyValidationIssue(row.RowNumber, ErrorColumn(row.Error), LegacyIssueSeverity.Error, row.Error));
            }

            if (row.Warning is not null)
            {
                issues.Add(new LegacyValidationIssue(row.RowNumber, null, LegacyIssueSeverity.Warning, row.Warning));
            }

            foreach (var warning in normalized?.Warnings ?? [])
            {
                var colon = warning.IndexOf(':', StringComparison.Ordinal);
                var column = colon > 0 ? warning[..colon] : null;
                issues.Add(new LegacyValidationIssue(row.RowNumber, column, LegacyIssueSeverity.Warning, colon > 0 ? warning[(colon + 1)..].Trim() : warning));
            }
        }

        if (reader.Windows1252Bytes > 0)
        {
            issues.Add(new LegacyValidationIssue(0, null, LegacyIssueSeverity.Warning, "the file is not entirely UTF-8: bytes that are not valid UTF-8 were read as Windows-1252"));
        }

        return new LegacyCsvPreview(reader.Header, rows, issues);
    }

    private static string? ErrorColumn(string error)
    {
        foreach (var column in LegacyColumns.Required)
        {
            if (error.StartsWith(column, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return null;
    }

    private LegacyHeaderMapping ReadHeader(IReadOnlyDictionary<string, string> columnMap)
    {
        string[] headers = [];
        while (records.MoveNext())
        {
            if (records.Current.Fields.Length > 0 && records.Current.Fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                headers = records.Current.Fields;
                break;
            }
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var unmapped = new List<string>();
        for (var i = 0; i < headers.Length; i++)
        {
            var canonical = columnMap.TryGetValue(LegacyColumns.Display(headers[i]), out var chosen)
                ? (LegacyColumns.All.Contains(chosen) ? chosen : null)
                : LegacyColumns.Canonical(headers[i]);
            if (canonical is null || !columns.TryAdd(canonical, i))
            {
                unmapped.Add(LegacyColumns.Display(headers[i]));
            }
        }

        var missing = LegacyColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        return new LegacyHeaderMapping(headers, columns, unmapped, missing);
    }

    private LegacyCsvRow ToRow(int number, RawRecord record, int width)
    {
        if (record.Failure is not null)
        {
            return new LegacyCsvRow(number, [record.Raw], null, "unreadable: " + record.Failure);
        }

        if (record.BadData)
        {
            var why = record.Malformed switch
            {
                CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
                CsvMalformedReason.UnterminatedQuote => "unclosed quote: a quoted field never ends",
                _ => "malformed quoting (" + record.Malformed + ")",
            };
            return new LegacyCsvRow(number, [record.Raw], null, "bad data: " + why);
        }

        if (record.Fields.Length != width)
        {
            return new LegacyCsvRow(number, record.Fields, null, $"wrong column count: {record.Fields.Length} cells, the header has {width}");
        }

        // A blank company name is decided by the import: a domain, website, work email or known person may still name the company.
        var row = LegacyColumns.ToRow(Header.Columns, record.Fields);
        var error = string.IsNullOrWhiteSpace(row.FullName) && string.IsNullOrWhiteSpace(row.FirstName) && string.IsNullOrWhiteSpace(row.LastName)
            ? $"{LegacyColumns.FullName} is required but blank"
            : null;

        var warning = record.Malformed == CsvMalformedReason.StrayQuote ? "a quote inside an unquoted field was kept as text" : null;
        return new LegacyCsvRow(number, record.Fields, row, error, warning);
    }

    private static List<string> SplitLines(string raw)
    {
        var lines = raw.TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        return lines;
    }

    private static IEnumerable<RawRecord> Records(TextReader reader)
    {
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            Separator = ',',
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        while (true)
        {
            var (more, failure) = TryRead(csv);
            if (failure is not null)
            {
                yield return new RawRecord([], "", null, failure);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i) ?? "";
            }

            var raw = Encoding.UTF8.GetString(csv.RawRecord);
            CsvMalformedReason? reason = malformed.Remove(csv.RowNumber, out var found) ? found : null;
            yield return new RawRecord(fields, raw, reason, null);
        }
    }

    private static (bool More, string? Failure) TryRead(CsvReader csv)
    {
        try
        {
            return (csv.Read(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return (false, ex.Message.Split('\n')[0]);
        }
    }

    private sealed record RawRecord(string[] Fields, string Raw, CsvMalformedReason? Malformed, string? Failure)
    {
        public bool BadData => Malformed is not null and not CsvMalformedReason.StrayQuote and not CsvMalformedReason.FieldCountMismatch;
    }
}

public enum LegacyIssueSeverity
{
    Warning,
    Error,
}

/// <summary>One finding of a preview: row 0 is the file or its header; column is canonical, or null for the whole row.</summary>
public sealed record LegacyValidationIssue(int RowNumber, string? Column, LegacyIssueSeverity Severity, string Message);

public sealed record LegacyPreviewRow(int RowNumber, IReadOnlyList<string> Cells, NormalizedRow? Normalized, string? Error);

public sealed record LegacyCsvPreview(LegacyHeaderMapping Header, IReadOnlyList<LegacyPreviewRow> Rows, IReadOnlyList<LegacyValidationIssue> Issues)
{
    public int ErrorCount => Issues.Count(i => i.Severity == LegacyIssueSeverity.Error);

    public int WarningCount => Issues.Count(i => i.Severity == LegacyIssueSeverity.Warning);
}
