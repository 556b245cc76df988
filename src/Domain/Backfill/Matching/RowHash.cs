using System.Buffers;

namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// The <c>source_row_hash</c> of an imported CSV row: lower-case hex MD5 of its canonical form, to find duplicate
/// rows within one import and across imports.
/// </summary>
/// <remarks>
/// Canonical form: each cell trimmed of leading and trailing whitespace and followed by U+001F (unit separator);
/// a null cell (absent column) has U+0000 instead of text, so null and empty differ. Should a cell contain U+0000,
/// U+001B or U+001F itself, that character is preceded by U+001B (escape), which keeps the encoding unambiguous.
/// So whitespace around a value does not matter (" Acme " = "Acme", "   " = ""), everything else does: inner
/// whitespace ("Acme  Corp" ≠ "Acme Corp"), case, and the number and order of cells. Duplicates are judged on the
/// raw row, before normalization, so that changing a normalization rule never turns old rows into "new" ones.
/// </remarks>
public static class RowHash
{
    public const char Separator = '\u001F';
    public const char NullCell = '\u0000';
    public const char Escape = '\u001B';

    public static string Of(IReadOnlyList<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var capacity = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            capacity += 2 * (cells[i]?.Length ?? 0) + 2; // worst case: every character escaped, or the null mark; then the separator
        }

        char[]? rented = null;
        Span<char> buffer = capacity <= 1024 ? stackalloc char[capacity] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            var length = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i] is not { } cell)
                {
                    buffer[length++] = NullCell;
                }
                else
                {
                    foreach (var c in cell.AsSpan().Trim())
                    {
                        if (c is Separator or NullCell or Escape)
                        {
                            buffer[length++] = Escape;
                        }

                        buffer[length++] = c;
                    }
                }

                buffer[length++] = Separator;
            }

            return Md5Hex.Of(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
