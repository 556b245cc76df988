using System.Text;

namespace Portal.Domain.Csv;

/// <summary>Writes CSV lines (RFC 4180 quoting) that are safe to open in a spreadsheet.</summary>
public static class CsvCells
{
    /// <summary>
    /// A cell starting with = + - @ or a tab/carriage return is run as a formula by spreadsheet programs (CSV
    /// injection); such a cell gets a leading apostrophe so it is shown as text. Null becomes empty.
    /// </summary>
    public static string Neutralize(string? cell) =>
        string.IsNullOrEmpty(cell) ? "" : cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + cell : cell;

    /// <summary>One CSV line with its CRLF: every cell neutralized, quoted when it holds a comma, quote or line break.</summary>
    public static string Line(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var line = new StringBuilder();
        foreach (var raw in cells)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            var cell = Neutralize(raw);
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(cell);
            }
        }

        return line.Append("\r\n").ToString();
    }
}
