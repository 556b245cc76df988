using System.Buffers;
using System.Text;

namespace Portal.Jobs.Backfill;

/// <summary>
/// Decodes the bytes of a legacy CSV, block by block. The encoding is decided once, from the first 64 KB:
/// a UTF-16 byte order mark means UTF-16; bytes with no valid UTF-8 multi-byte sequence among them but some that
/// are not UTF-8 mean the whole file is Windows-1252 (Latin-1 exports), decoded as such with a <see cref="FileNotice"/>;
/// anything else is UTF-8 (a BOM is skipped), where each byte that is not part of a valid sequence is read as
/// Windows-1252 ("Müller" pasted from another tool as 0xFC) and marked with <see cref="CellMarks.Invalid"/>, so the
/// reader can flag it on the row and cell it belongs to.
/// </summary>
public sealed class LegacyTextDecoding
{
    /// <summary>How much of the file decides its encoding, and the size of a block.</summary>
    public const int BlockBytes = 64 * 1024;

    // Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 control of the same value, as Windows does.
    private static readonly char[] HighControls =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private readonly Stream stream;
    private readonly byte[] bytes = new byte[BlockBytes];
    private readonly char[] decoded = new char[BlockBytes];
    // Every decoded char may need a mark before it.
    private readonly char[] marked = new char[2 * BlockBytes];
    private readonly Decoder? utf16;
    private readonly bool windows1252;
    private int start, end;
    private bool endOfStream;

    public LegacyTextDecoding(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        Fill();
        var head = bytes.AsSpan(0, end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var littleEndian = head[0] == 0xFF;
            utf16 = (littleEndian ? Encoding.Unicode : Encoding.BigEndianUnicode).GetDecoder();
            start = 2;
            FileNotice = $"The file is UTF-16 ({(littleEndian ? "little" : "big")}-endian, with a byte order mark) and was decoded as UTF-16.";
        }
        else if (NotUtf8(head, endOfStream) is { } notUtf8)
        {
            windows1252 = true;
            FileNotice = $"The file is not UTF-8 ({notUtf8:N0} bytes that are not UTF-8 and no UTF-8 multi-byte character in its first {BlockBytes / 1024} KB) " +
                "and was read as Windows-1252 (Latin-1); its cells are not flagged one by one.";
        }
    }

    /// <summary>How the file as a whole was decoded when it is not UTF-8, or null for UTF-8.</summary>
    public string? FileNotice { get; }

    /// <summary>How many bytes of a UTF-8 file were not valid UTF-8 and were read as Windows-1252 so far.</summary>
    public long Windows1252Bytes { get; private set; }

    /// <summary>The character Windows-1252 gives a byte.</summary>
    public static char Windows1252(byte value) => value is >= 0x80 and <= 0x9F ? HighControls[value - 0x80] : (char)value;

    /// <summary>The next decoded block, with <see cref="CellMarks"/>; empty at the end. Valid until the next call.</summary>
    public ReadOnlySpan<char> Next()
    {
        while (true)
        {
            if (start == end && !endOfStream)
            {
                Fill();
            }

            if (start == end && endOfStream)
            {
                return [];
            }

            var written = windows1252 ? Latin() : utf16 is not null ? Utf16() : Utf8WithFallback();
            if (written > 0)
            {
                return marked.AsSpan(0, written);
            }

            // Only the start of a multi-byte sequence is left: read on.
            Fill();
        }
    }

    /// <summary>
    /// The bytes of the first block that are not UTF-8 when none of its multi-byte sequences is valid UTF-8
    /// (the file is in a single-byte encoding), else null.
    /// </summary>
    private static int? NotUtf8(ReadOnlySpan<byte> head, bool complete)
    {
        var invalid = 0;
        var i = 0;
        while (i < head.Length)
        {
            var next = head[i..].IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            if (next < 0)
            {
                break;
            }

            i += next;
            var status = Rune.DecodeFromUtf8(head[i..], out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                return null;
            }

            if (status == OperationStatus.NeedMoreData && !complete)
            {
                break;
            }

            invalid += consumed;
            i += consumed;
        }

        return invalid > 0 ? invalid : null;
    }

    private void Fill()
    {
        if (start > 0)
        {
            bytes.AsSpan(start, end - start).CopyTo(bytes);
            end -= start;
            start = 0;
        }

        while (end < bytes.Length && !endOfStream)
        {
            var read = stream.Read(bytes, end, bytes.Length - end);
            endOfStream = read == 0;
            end += read;
        }
    }

    private int Latin()
    {
        var count = end - start;
        for (var i = 0; i < count; i++)
        {
            marked[i] = Windows1252(bytes[start + i]);
        }

        start = end;
        return count;
    }

    private int Utf16()
    {
        utf16!.Convert(bytes, start, end - start, decoded, 0, decoded.Length, endOfStream, out var used, out var chars, out _);
        start += used;
        return Escape(decoded.AsSpan(0, chars), 0);
    }

    private int Utf8WithFallback()
    {
        var written = 0;
        while (start < end)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes.AsSpan(start, end - start), decoded, out var read, out var chars, replaceInvalidSequences: false, isFinalBlock: endOfStream);
            start += read;
            written = Escape(decoded.AsSpan(0, chars), written);
            if (status != OperationStatus.InvalidData)
            {
                // Done, or a sequence continues in the next block.
                break;
            }

            Rune.DecodeFromUtf8(bytes.AsSpan(start, end - start), out _, out var invalid);
            for (var i = 0; i < invalid; i++)
            {
                marked[written++] = CellMarks.Invalid;
                marked[written++] = Windows1252(bytes[start + i]);
            }

            start += invalid;
            Windows1252Bytes += invalid;
        }

        return written;
    }

    /// <summary>Copies decoded text after <paramref name="at"/>, escaping the rare characters that are marks.</summary>
    private int Escape(ReadOnlySpan<char> text, int at)
    {
        while (true)
        {
            var mark = text.IndexOfAnyInRange(CellMarks.First, CellMarks.Last);
            var plain = mark < 0 ? text : text[..mark];
            plain.CopyTo(marked.AsSpan(at));
            at += plain.Length;
            if (mark < 0)
            {
                return at;
            }

            marked[at++] = CellMarks.Escape;
            marked[at++] = text[mark];
            text = text[(mark + 1)..];
        }
    }
}
