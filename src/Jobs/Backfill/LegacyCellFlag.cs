namespace Portal.Jobs.Backfill;

/// <summary>
/// A problem with one field (or, with no column, the whole row) that did not stop the row from being read; the
/// row's log entry keeps it and the run summary counts it by kind.
/// </summary>
/// <param name="Column">The canonical column, or null for the whole row (or a cell of a row that has no columns).</param>
/// <param name="Kind">One of <see cref="LegacyFlagKinds"/>.</param>
/// <param name="Message">Names the column and says what was done, e.g. "notes: NUL byte removed".</param>
public sealed record LegacyCellFlag(string? Column, string Kind, string Message);

/// <summary>The kinds of <see cref="LegacyCellFlag"/>.</summary>
public static class LegacyFlagKinds
{
    /// <summary>Bytes that are not valid UTF-8 in a UTF-8 file, read as Windows-1252.</summary>
    public const string InvalidUtf8 = "invalid_utf8";

    /// <summary>NUL characters, removed (PostgreSQL text cannot hold them).</summary>
    public const string NulByte = "nul_byte";

    /// <summary>A cell longer than the limit, cut to it.</summary>
    public const string OverlongCell = "overlong_cell";

    /// <summary>A line longer than the limit: the row is not read (the header is cut instead).</summary>
    public const string OverlongLine = "overlong_line";

    /// <summary>Text that a spreadsheet would run as a formula; stored as plain text, neutralised in exports.</summary>
    public const string FormulaLike = "formula_like";

    public static IReadOnlyList<string> All { get; } = [InvalidUtf8, NulByte, OverlongCell, OverlongLine, FormulaLike];
}

/// <summary>Limits the reader enforces while reading, so one huge cell or line costs bounded memory.</summary>
/// <param name="MaxCellChars">Longer cells are cut to this many characters and flagged.</param>
/// <param name="MaxLineChars">A longer record (after its cells are cut) is an error row; a longer header is cut.</param>
public sealed record LegacyCsvLimits(int MaxCellChars = 10_000, int MaxLineChars = 100_000)
{
    public static LegacyCsvLimits Default { get; } = new();

    public int MaxCellChars { get; } = MaxCellChars > 0 ? MaxCellChars : throw new ArgumentOutOfRangeException(nameof(MaxCellChars));

    public int MaxLineChars { get; } = MaxLineChars > 0 ? MaxLineChars : throw new ArgumentOutOfRangeException(nameof(MaxLineChars));
}
