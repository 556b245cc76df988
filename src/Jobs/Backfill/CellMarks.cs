using System.Buffers;
using System.Globalization;
using System.Text;

namespace Portal.Jobs.Backfill;

/// <summary>
/// In-band marks between the byte decoder, the text filter and the cells the CSV parser returns: what happened to a
/// cell travels inside its text, so it stays with the row and column it belongs to whatever the parser does with
/// quotes and line breaks. The marks are Unicode noncharacters (reserved for a program's internal use); one that
/// really occurs in the file is escaped, so a mark is never mistaken for data.
/// </summary>
internal static class CellMarks
{
    /// <summary>The next character is data (a noncharacter of this range that the file really contains).</summary>
    public const char Escape = '\uFDD0';

    /// <summary>The next character is a byte that was not valid UTF-8, read as Windows-1252.</summary>
    public const char Invalid = '\uFDD1';

    /// <summary><c>Cut 123456 Cut</c>: the cell had that many characters and was cut here.</summary>
    public const char Cut = '\uFDD2';

    /// <summary>Starts a record the filter wrote in place of one it could not pass on (see <see cref="LegacyCsvText"/>).</summary>
    public const char Record = '\uFDD3';

    public const char First = Escape;
    public const char Last = Record;

    private static readonly SearchValues<char> Special = SearchValues.Create("\0\uFDD0\uFDD1\uFDD2\uFDD3");

    /// <summary>A cell without its marks and NUL characters, and what they said.</summary>
    public static CleanCell Clean(string cell)
    {
        var next = cell.AsSpan().IndexOfAny(Special);
        if (next < 0)
        {
            return new CleanCell(cell, 0, 0, 0);
        }

        var text = new StringBuilder(cell.Length);
        int invalid = 0, nul = 0;
        long cutFrom = 0;
        var rest = cell.AsSpan();
        while (next >= 0)
        {
            text.Append(rest[..next]);
            var mark = rest[next];
            rest = rest[(next + 1)..];
            switch (mark)
            {
                case '\0':
                    nul++;
                    break;
                case Escape or Invalid when rest.Length > 0:
                    invalid += mark == Invalid ? 1 : 0;
                    text.Append(rest[0]);
                    rest = rest[1..];
                    break;
                case Cut:
                    var close = rest.IndexOf(Cut);
                    var digits = close < 0 ? rest : rest[..close];
                    cutFrom = Math.Max(cutFrom, long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0);
                    rest = close < 0 ? [] : rest[(close + 1)..];
                    break;
                default:
                    // A dangling mark (an excerpt cut inside one) carries nothing.
                    break;
            }

            next = rest.IndexOfAny(Special);
        }

        text.Append(rest);
        return new CleanCell(text.ToString(), invalid, nul, cutFrom);
    }
}

/// <param name="Text">The cell as stored.</param>
/// <param name="InvalidBytes">Bytes that were not valid UTF-8 and were read as Windows-1252.</param>
/// <param name="NulBytes">NUL characters removed (PostgreSQL text cannot hold them).</param>
/// <param name="CutFrom">The cell's length before it was cut to the limit, or 0.</param>
internal readonly record struct CleanCell(string Text, int InvalidBytes, int NulBytes, long CutFrom);
