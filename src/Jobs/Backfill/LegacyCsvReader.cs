using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>How the header of a legacy CSV was understood.</summary>
/// <param name="Headers">The header cells as written.</param>
/// <param name="Columns">Canonical column → its position in a record (the first header naming it wins).</param>
/// <param name="Unmapped">Header cells that name no canonical column; they are kept in the raw data only.</param>
/// <param name="MissingRequired">Required canonical columns (company_name, full_name) no header names.</param>
/// <param name="Repeated">Header cells naming a canonical column an earlier one already names; ignored like unmapped ones.</param>
public sealed record LegacyHeaderMapping(
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, int> Columns,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<string> MissingRequired,
    IReadOnlyList<LegacyRepeatedColumn> Repeated);

/// <summary>A canonical column named by two header cells (1-based positions).</summary>
public sealed record LegacyRepeatedColumn(string Column, int FirstPosition, int Position)
{
    public string Message => $"column {Column} is named twice (columns {FirstPosition} and {Position}); the second is ignored";
}

/// <summary>
/// One data record of a legacy CSV. Every record of the file yields exactly one of these, readable or not.
/// </summary>
/// <param name="RowNumber">1-based position among the data records (the header is not counted); stable for a file, so it identifies the row across resumes.</param>
/// <param name="Cells">The cells as read (NUL removed, overlong ones cut; for an unreadable record: its raw text as one cell); what the row hash is computed from.</param>
/// <param name="Row">The cells by canonical column, or null when the record is unreadable (bad quoting, wrong column count, overlong line).</param>
/// <param name="Error">Why the row cannot be imported (unreadable, or a required column blank), or null.</param>
/// <param name="Warning">A reading problem that did not prevent reading the row (a stray quote kept as text).</param>
public sealed record LegacyCsvRow(int RowNumber, IReadOnlyList<string> Cells, LegacyRow? Row, string? Error, string? Warning = null)
{
    public bool IsValid => Error is null;

    /// <summary>What kind of error <see cref="Error"/> is (one of <see cref="LegacyRowErrorKinds"/>), or null.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>Every field-level problem of the row; none of them stops it from being imported.</summary>
    public IReadOnlyList<LegacyCellFlag> Flags { get; init; } = [];
}

/// <summary>The kinds of <see cref="LegacyCsvRow.Error"/>.</summary>
public static class LegacyRowErrorKinds
{
    public const string Unreadable = "unreadable";
    public const string BadQuoting = "bad_quoting";
    public const string UnclosedQuote = "unclosed_quote";
    public const string WrongColumnCount = "wrong_column_count";
    public const string OverlongLine = LegacyFlagKinds.OverlongLine;
    public const string RequiredBlank = "required_blank";
}

/// <summary>
/// Reads a legacy outreach CSV with CsvHelper (RFC 4180: quoted fields may hold commas, quotes and line breaks).
/// The bytes are decoded by <see cref="LegacyTextDecoding"/> (UTF-8, UTF-16 with a BOM, or a whole file in
/// Windows-1252) and pass a filter that enforces <see cref="LegacyCsvLimits"/> while reading (see
/// <see cref="LegacyCsvText"/>), so no cell or line is ever held whole beyond the limits. A malformed record never
/// stops the file and never disappears: it becomes a row with an <see cref="LegacyCsvRow.Error"/>. An unclosed quote
/// makes a CSV parser swallow the following lines into one field; when a record spanning several lines comes out
/// malformed, its first line is reported as the bad row and the lines after it are parsed again as rows of their own.
/// Every field-level problem (bytes that are not UTF-8, NUL, an overlong cell, formula-like text) is a
/// <see cref="LegacyCellFlag"/> on its row. Cells are data, never evaluated: formula-like cells are kept as written.
/// </summary>
public sealed partial class LegacyCsvReader : IDisposable
{
    private readonly LegacyCsvText text;
    private readonly LegacyCsvLimits limits;
    private readonly IEnumerator<RawRecord> records;
    private readonly string[] labels;
    private readonly string?[] columnAt;
    private int rowNumber;

    /// <param name="columnMap">Header cell → canonical column, overriding the automatic mapping for those headers ("" ignores the column).</param>
    /// <param name="limits">The cell and line limits; <see cref="LegacyCsvLimits.Default"/> when null.</param>
    public LegacyCsvReader(Stream stream, bool leaveOpen = false, IReadOnlyDictionary<string, string>? columnMap = null, LegacyCsvLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.limits = limits ?? LegacyCsvLimits.Default;
        text = new LegacyCsvText(stream, this.limits, leaveOpen);
        records = Records(text).GetEnumerator();
        var flags = new List<LegacyCellFlag>();
        Header = ReadHeader(columnMap ?? new Dictionary<string, string>(), flags);
        columnAt = new string?[Header.Headers.Count];
        foreach (var (column, position) in Header.Columns)
        {
            columnAt[position] = column;
        }

        labels = [.. Header.Headers.Select((h, i) => columnAt[i] ?? $"column \"{LegacyColumns.Display(h)}\"")];
        if (text.HeaderCutFrom > 0)
        {
            flags.Add(new LegacyCellFlag(null, LegacyFlagKinds.OverlongLine, Invariant($"header line of {text.HeaderCutFrom:N0} characters cut to {this.limits.MaxLineChars:N0}")));
        }

        HeaderFlags = flags;
    }

    public LegacyHeaderMapping Header { get; }

    /// <summary>Problems of the header line itself (cut, bytes that are not UTF-8, NUL).</summary>
    public IReadOnlyList<LegacyCellFlag> HeaderFlags { get; }

    /// <summary>How the whole file was decoded when it is not UTF-8 (UTF-16, Windows-1252), else null.</summary>
    public string? FileNotice => text.FileNotice;

    /// <summary>Bytes of a UTF-8 file that were not valid UTF-8 and were read as Windows-1252 so far.</summary>
    public long Windows1252Bytes => text.Windows1252Bytes;

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
            if (record.Fields is [[CellMarks.Record, var kind, ..] mark, ..])
            {
                // A record the filter replaced: too long, or the first line of an unclosed quote it found.
                rowNumber++;
                yield return kind == LegacyCsvText.OverlongLine
                    ? Broken(rowNumber, record.Fields[^1], LegacyRowErrorKinds.OverlongLine,
                        Invariant($"line of {long.Parse(mark.AsSpan(2), CultureInfo.InvariantCulture):N0} characters is longer than the limit of {limits.MaxLineChars:N0}; not read"))
                    : Broken(rowNumber, record.Fields[^1], LegacyRowErrorKinds.UnclosedQuote, UnclosedQuoteError);
                continue;
            }

            var malformed = record.Failure is not null || record.BadData || record.Fields.Length != width;
            if (malformed && SplitLines(record.Raw) is { Count: > 1 } lines)
            {
                // Most likely an unclosed quote that swallowed the next lines: the first line is the bad row.
                rowNumber++;
                yield return Broken(rowNumber, lines[0], LegacyRowErrorKinds.UnclosedQuote, UnclosedQuoteError);
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

    private const string UnclosedQuoteError = "unclosed quote: a quoted field does not end on its line";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private LegacyHeaderMapping ReadHeader(IReadOnlyDictionary<string, string> columnMap, List<LegacyCellFlag> flags)
    {
        string[] headers = [];
        while (records.MoveNext())
        {
            if (records.Current.Fields.Length > 0 && records.Current.Fields.Any(f => !string.IsNullOrWhiteSpace(f)))
            {
                headers = Clean(records.Current.Fields, i => $"header cell {i + 1}", null, flags);
                break;
            }
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var unmapped = new List<string>();
        var repeated = new List<LegacyRepeatedColumn>();
        for (var i = 0; i < headers.Length; i++)
        {
            var canonical = columnMap.TryGetValue(LegacyColumns.Display(headers[i]), out var chosen)
                ? (LegacyColumns.All.Contains(chosen) ? chosen : null)
                : LegacyColumns.Canonical(headers[i]);
            if (canonical is null)
            {
                unmapped.Add(LegacyColumns.Display(headers[i]));
            }
            else if (!columns.TryAdd(canonical, i))
            {
                repeated.Add(new LegacyRepeatedColumn(canonical, columns[canonical] + 1, i + 1));
            }
        }

        var missing = LegacyColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        return new LegacyHeaderMapping(headers, columns, unmapped, missing, repeated);
    }

    /// <summary>An unreadable record: its raw text as the only cell.</summary>
    private LegacyCsvRow Broken(int number, string raw, string kind, string error)
    {
        var flags = new List<LegacyCellFlag>();
        if (kind == LegacyRowErrorKinds.OverlongLine)
        {
            flags.Add(new LegacyCellFlag(null, LegacyFlagKinds.OverlongLine, error));
        }

        var cells = Clean([raw], _ => "the line", null, flags, cut: false);
        return new LegacyCsvRow(number, cells, null, error) { ErrorKind = kind, Flags = flags };
    }

    private LegacyCsvRow ToRow(int number, RawRecord record, int width)
    {
        if (record.Failure is not null)
        {
            return Broken(number, record.Raw, LegacyRowErrorKinds.Unreadable, "unreadable: " + record.Failure);
        }

        if (record.BadData)
        {
            var why = record.Malformed switch
            {
                CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a quoted field",
                CsvMalformedReason.UnterminatedQuote => "unclosed quote: a quoted field never ends",
                _ => "malformed quoting (" + record.Malformed + ")",
            };
            return Broken(number, record.Raw, LegacyRowErrorKinds.BadQuoting, "bad data: " + why);
        }

        var flags = new List<LegacyCellFlag>();
        if (record.Fields.Length != width)
        {
            var cells = Clean(record.Fields, i => $"cell {i + 1}", null, flags);
            return new LegacyCsvRow(number, cells, null, $"wrong column count: {record.Fields.Length} cells, the header has {width}")
            {
                ErrorKind = LegacyRowErrorKinds.WrongColumnCount,
                Flags = flags,
            };
        }

        var fields = Clean(record.Fields, i => labels[i], columnAt, flags);
        for (var i = 0; i < fields.Length; i++)
        {
            if (columnAt[i] is { } column && FormulaStart(column, fields[i]) is { } start)
            {
                flags.Add(new LegacyCellFlag(column, LegacyFlagKinds.FormulaLike, $"{column}: starts with {start}: stored as plain text"));
            }
        }

        // A blank company name is decided by the import: a domain, website, work email or known person may still name the company.
        var row = LegacyColumns.ToRow(Header.Columns, fields);
        var error = string.IsNullOrWhiteSpace(row.FullName) && string.IsNullOrWhiteSpace(row.FirstName) && string.IsNullOrWhiteSpace(row.LastName)
            ? $"{LegacyColumns.FullName} is required but blank"
            : null;

        var warning = record.Malformed == CsvMalformedReason.StrayQuote ? "a quote inside an unquoted field was kept as text" : null;
        return new LegacyCsvRow(number, fields, row, error, warning)
        {
            ErrorKind = error is null ? null : LegacyRowErrorKinds.RequiredBlank,
            Flags = flags,
        };
    }

    /// <summary>
    /// The cells without marks and NUL, cut to the cell limit (a quoted cell spanning lines reaches here whole) unless
    /// they are the raw text of a broken record, with a flag for each thing done; <paramref name="columns"/> gives the
    /// flag's column by position, when the row has columns.
    /// </summary>
    private string[] Clean(string[] cells, Func<int, string> label, string?[]? columns, List<LegacyCellFlag> flags, bool cut = true)
    {
        var clean = new string[cells.Length];
        for (var i = 0; i < clean.Length; i++)
        {
            var (value, invalid, nul, cutFrom) = CellMarks.Clean(cells[i]);
            if (cut && value.Length > limits.MaxCellChars)
            {
                cutFrom = Math.Max(cutFrom, value.Length);
                var keep = limits.MaxCellChars - (char.IsHighSurrogate(value[limits.MaxCellChars - 1]) ? 1 : 0);
                value = value[..keep];
            }

            clean[i] = value;
            var column = columns is null || i >= columns.Length ? null : columns[i];
            if (invalid > 0)
            {
                flags.Add(new LegacyCellFlag(column, LegacyFlagKinds.InvalidUtf8,
                    Invariant($"{label(i)}: {invalid:N0} {(invalid == 1 ? "byte that is" : "bytes that are")} not valid UTF-8 {(invalid == 1 ? "was" : "were")} read as Windows-1252")));
            }

            if (nul > 0)
            {
                flags.Add(new LegacyCellFlag(column, LegacyFlagKinds.NulByte, Invariant($"{label(i)}: {(nul == 1 ? "NUL byte" : $"{nul:N0} NUL bytes")} removed")));
            }

            if (cutFrom > 0)
            {
                flags.Add(new LegacyCellFlag(column, LegacyFlagKinds.OverlongCell, Invariant($"{label(i)}: cell of {cutFrom:N0} characters cut to {limits.MaxCellChars:N0}")));
            }
        }

        return clean;
    }

    /// <summary>
    /// How a cell starts when a spreadsheet would take it for a formula (=, +, -, @, tab, CR), or null. A phone number
    /// with its leading "+" and a signed number in a count column (a negative count is reported by normalization) are not.
    /// </summary>
    private static string? FormulaStart(string column, string value)
    {
        if (value.Length == 0 || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return null;
        }

        if ((column == LegacyColumns.Phone && PhoneNumber().IsMatch(value))
            || (CountColumns.Contains(column) && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _)))
        {
            return null;
        }

        return value[0] switch
        {
            '\t' => "a tab",
            '\r' => "a carriage return",
            var c => $"'{c}'",
        };
    }

    private static readonly string[] CountColumns = [LegacyColumns.HistoricalOpenCount, LegacyColumns.HistoricalReplyCount, LegacyColumns.HistoricalMeetingCount];

    /// <summary>"+1 (555) 123-4567 ext. 89": a sign, then digits and the punctuation phone numbers are written with.</summary>
    [GeneratedRegex(@"^[+-][\d\s().\-/]*\d[\d\s().\-/]*((ext\.?|x|#)\s*\d+)?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();

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
