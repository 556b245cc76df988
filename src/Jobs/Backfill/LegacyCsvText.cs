using System.Buffers;
using System.Globalization;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The text the CSV parser reads: the decoded file, handed on one whole record at a time with the limits enforced on
/// the way, so memory stays bounded whatever the file holds (the parser buffers a whole record). It follows RFC 4180
/// quoting only as far as it needs to know where cells and records end:
/// <list type="bullet">
/// <item>A cell on one line longer than the cell limit keeps its first characters and a <see cref="CellMarks.Cut"/>
/// mark; the rest is dropped as it streams by. A quoted cell that spans lines is left to the line limit (it may be
/// an unclosed quote, see below); the reader cuts it once the parser has decided it is a cell.</item>
/// <item>A record longer than the line limit (after cell cuts) is replaced by <c>Record L&lt;length&gt;,"&lt;excerpt&gt;"</c>
/// and the rest of it is dropped.</item>
/// <item>Reaching the line limit inside a quoted cell that spans lines is taken for an unclosed quote swallowing the
/// lines after it: the record's first line is replaced by <c>Record Q,"&lt;line&gt;"</c> and the following lines are read again.</item>
/// <item>The header (the first record with text) is never replaced: it is cut at the line limit instead.</item>
/// </list>
/// </summary>
internal sealed class LegacyCsvText : TextReader
{
    public const char OverlongLine = 'L';
    public const char UnclosedQuote = 'Q';

    private const int ExcerptChars = 200;
    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\r\n\uFDD0\uFDD1\uFDD2\uFDD3");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\r\n\uFDD0\uFDD1\uFDD2\uFDD3");

    private readonly Stream stream;
    private readonly bool leaveOpen;
    private readonly LegacyTextDecoding decoding;
    private readonly int maxCell, maxLine;
    private char[] output = new char[2 * LegacyTextDecoding.BlockBytes];
    // The parser may read output[readPos..recordStart); the record being read is output[recordStart..length).
    private int readPos, recordStart, length;
    private char[]? reinput;
    private bool finished, headerDone;

    private State state;
    private int recordChars;
    private long recordTotal;
    private bool recordHasText, skipping;
    private string? excerpt;

    private long cellTotal;
    private bool cellBreak, cutting;
    private char pendingMark;
    private bool inCut;

    public LegacyCsvText(Stream stream, LegacyCsvLimits limits, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(limits);
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        decoding = new LegacyTextDecoding(stream);
        maxCell = limits.MaxCellChars;
        maxLine = limits.MaxLineChars;
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    public string? FileNotice => decoding.FileNotice;

    public long Windows1252Bytes => decoding.Windows1252Bytes;

    /// <summary>The length of the header line when it was cut to the line limit, else 0.</summary>
    public long HeaderCutFrom { get; private set; }

    public override int Read(Span<char> buffer)
    {
        if (!Fill())
        {
            return 0;
        }

        var count = Math.Min(buffer.Length, recordStart - readPos);
        output.AsSpan(readPos, count).CopyTo(buffer);
        readPos += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Peek() => Fill() ? output[readPos] : -1;

    public override int Read() => Fill() ? output[readPos++] : -1;

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Fill()
    {
        while (readPos == recordStart)
        {
            if (finished)
            {
                return false;
            }

            output.AsSpan(readPos, length - readPos).CopyTo(output);
            recordStart -= readPos;
            length -= readPos;
            readPos = 0;
            if (reinput is { } again)
            {
                reinput = null;
                Process(again);
            }
            else if (decoding.Next() is { IsEmpty: false } block)
            {
                Process(block);
            }
            else
            {
                EndOfInput();
            }
        }

        return true;
    }

    private void Process(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (reinput is not null)
            {
                // An unclosed quote was found: what follows its line is read again, before the rest of this text.
                reinput = [.. reinput, .. text[i..]];
                return;
            }

            if (pendingMark == 0 && !inCut && state is State.Unquoted or State.Quoted)
            {
                // The common case: a run of ordinary characters within the limits is copied (or dropped) at once.
                var run = text[i..];
                var stop = run.IndexOfAny(state == State.Unquoted ? UnquotedStops : QuotedStops);
                var dropping = skipping || cutting;
                var take = (int)Math.Min(stop < 0 ? run.Length : stop, dropping ? int.MaxValue : Math.Min(cellBreak ? maxLine : maxCell - cellTotal, maxLine - recordChars));
                if (take > 0)
                {
                    if (!dropping)
                    {
                        Append(run[..take]);
                        recordChars += take;
                    }

                    recordHasText |= !headerDone && run[..take].ContainsAnyExcept(' ', '\t');
                    cellTotal += take;
                    recordTotal += take;
                    i += take;
                    continue;
                }
            }

            Char(text[i++]);
        }
    }

    private void Char(char c)
    {
        if (pendingMark != 0)
        {
            Content(pendingMark, c);
            pendingMark = '\0';
            return;
        }

        if (inCut || c == CellMarks.Cut)
        {
            // A cut mark in text read again: passed on as it is, it is no content.
            inCut = c == CellMarks.Cut ? !inCut : inCut;
            if (!skipping)
            {
                Append([c]);
            }

            return;
        }

        if (c is CellMarks.Escape or CellMarks.Invalid)
        {
            pendingMark = c;
            return;
        }

        switch (state)
        {
            case State.FieldStart when c == '"':
                state = State.Quoted;
                Structural(c);
                return;
            case State.Quoted when c == '"':
                state = State.QuoteInQuoted;
                return;
            case State.Quoted:
                Content(c);
                return;
            case State.QuoteInQuoted when c == '"':
                state = State.Quoted;
                Content(c, c);
                return;
            case State.QuoteInQuoted:
                // The quote closed the cell; anything but a separator or line break after it is kept as text, as the parser does.
                FinishCell();
                state = State.Unquoted;
                Structural('"');
                break;
            default:
                break;
        }

        switch (c)
        {
            case ',':
                FinishCell();
                Structural(c);
                state = State.FieldStart;
                break;
            case '\r' or '\n':
                EndRecord(c);
                break;
            default:
                state = State.Unquoted;
                Content(c);
                break;
        }
    }

    private void Content(char c) => Content(c, null);

    private void Content(char first, char? second)
    {
        cellTotal++;
        recordTotal++;
        var data = second ?? first;
        recordHasText |= data is not (' ' or '\t');
        if (skipping)
        {
            return;
        }

        if (cellTotal > maxCell)
        {
            // A cell on one line is cut as it streams by; one spanning lines may be an unclosed quote, decided at the line limit.
            cutting |= !cellBreak;
            if (cutting)
            {
                return;
            }
        }

        Append([first]);
        if (second is { } next)
        {
            Append([next]);
        }

        cellBreak |= second is null && first is '\r' or '\n';
        recordChars++;
        CheckLine();
    }

    private void Structural(char c)
    {
        recordTotal++;
        if (skipping)
        {
            return;
        }

        Append([c]);
        recordChars++;
        CheckLine();
    }

    /// <summary>Ends the content of a cell: a cut cell gets the cut mark with its full length.</summary>
    private void FinishCell()
    {
        if (cutting && !skipping)
        {
            Append($"{CellMarks.Cut}{cellTotal.ToString(CultureInfo.InvariantCulture)}{CellMarks.Cut}");
        }

        cellTotal = 0;
        cellBreak = false;
        cutting = false;
    }

    private void CheckLine()
    {
        if (recordChars <= maxLine)
        {
            return;
        }

        if (!headerDone)
        {
            // The header is cut, never dropped: without it there is no import.
            FinishCell();
            if (state is State.Quoted or State.QuoteInQuoted)
            {
                Append(['"']);
            }

            skipping = true;
        }
        else if (state is State.Quoted && cellBreak)
        {
            var record = output.AsSpan(recordStart, length - recordStart);
            var lineEnd = record.IndexOfAny('\r', '\n');
            var next = lineEnd + (record[lineEnd..].StartsWith("\r\n") ? 2 : 1);
            reinput = record[next..].ToArray();
            var line = record[..lineEnd].ToString();
            length = recordStart;
            ReplaceRecord(UnclosedQuote, 0, line);
        }
        else
        {
            var kept = Math.Min(length - recordStart, Math.Min(ExcerptChars, maxLine));
            // Not the first half of a marked character.
            kept -= kept > 0 && output[recordStart + kept - 1] is CellMarks.Escape or CellMarks.Invalid ? 1 : 0;
            excerpt = output.AsSpan(recordStart, kept).ToString();
            length = recordStart;
            skipping = true;
        }
    }

    private void EndRecord(char? lineBreak)
    {
        FinishCell();
        if (skipping && headerDone)
        {
            length = recordStart;
            ReplaceRecord(OverlongLine, recordTotal, excerpt!);
            return;
        }

        if (skipping)
        {
            HeaderCutFrom = recordTotal;
            Append(['\n']);
        }
        else if (lineBreak is { } c)
        {
            Append([c]);
        }

        headerDone |= recordHasText;
        NextRecord();
    }

    /// <summary>Puts a marked record, whose second cell holds <paramref name="text"/> quoted, in place of the record being read.</summary>
    private void ReplaceRecord(char kind, long total, string text)
    {
        Append($"{CellMarks.Record}{kind}{(total > 0 ? total.ToString(CultureInfo.InvariantCulture) : "")},\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        NextRecord();
    }

    private void NextRecord()
    {
        recordStart = length;
        state = State.FieldStart;
        recordChars = 0;
        recordTotal = 0;
        recordHasText = false;
        skipping = false;
        excerpt = null;
        cellTotal = 0;
        cellBreak = false;
        cutting = false;
        inCut = false;
    }

    private void EndOfInput()
    {
        if (state == State.QuoteInQuoted)
        {
            FinishCell();
            state = State.Unquoted;
            Structural('"');
        }

        if (length > recordStart || skipping)
        {
            EndRecord(null);
        }

        finished = true;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (length + text.Length > output.Length)
        {
            Array.Resize(ref output, Math.Max(output.Length * 2, length + text.Length));
        }

        text.CopyTo(output.AsSpan(length));
        length += text.Length;
    }
}
