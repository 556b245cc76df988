using System.Text;

namespace Portal.Jobs.Backfill;

/// <summary>
/// Decodes legacy CSV bytes: UTF-8 (a BOM is skipped by the reader), and every byte that is not part of a valid
/// UTF-8 sequence is read as Windows-1252 instead of being replaced. So a file saved as Windows-1252 ("Müller" as
/// 0xFC) reads correctly, and so does a file that mixes both (rows pasted from different tools), without needing
/// the code-pages provider. The only misreading is a Windows-1252 byte pair that happens to be valid UTF-8
/// ("Ã¼"), which real text practically never contains.
/// </summary>
public sealed class LegacyTextDecoding
{
    // Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 control of the same value, as Windows does.
    private static readonly char[] HighControls =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private readonly Fallback fallback;

    public LegacyTextDecoding()
    {
        fallback = new Fallback(this);
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).Clone();
        encoding.DecoderFallback = fallback;
        Encoding = encoding;
    }

    /// <summary>UTF-8 with the Windows-1252 fallback; one instance per file (it counts the fallback bytes).</summary>
    public Encoding Encoding { get; }

    /// <summary>How many bytes were not valid UTF-8 and were read as Windows-1252 (0 for a clean UTF-8 file).</summary>
    public long Windows1252Bytes { get; private set; }

    /// <summary>The character Windows-1252 gives a byte.</summary>
    public static char Windows1252(byte value) => value is >= 0x80 and <= 0x9F ? HighControls[value - 0x80] : (char)value;

    private sealed class Fallback(LegacyTextDecoding owner) : DecoderFallback
    {
        public override int MaxCharCount => 4;

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(owner);
    }

    private sealed class Buffer(LegacyTextDecoding owner) : DecoderFallbackBuffer
    {
        private readonly List<char> pending = [];
        private int position;

        public override int Remaining => pending.Count - position;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            pending.Clear();
            position = 0;
            foreach (var b in bytesUnknown)
            {
                pending.Add(Windows1252(b));
            }

            owner.Windows1252Bytes += bytesUnknown.Length;
            return pending.Count > 0;
        }

        public override char GetNextChar() => position < pending.Count ? pending[position++] : '\0';

        public override bool MovePrevious()
        {
            if (position == 0)
            {
                return false;
            }

            position--;
            return true;
        }

        public override void Reset()
        {
            pending.Clear();
            position = 0;
        }
    }
}
