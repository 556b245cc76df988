using System.Buffers;

namespace Portal.Domain.Backfill.Normalization;

/// <summary>A growable character buffer that starts on the stack and rents from the shared pool when it outgrows it.</summary>
internal ref struct CharBuilder
{
    private Span<char> _chars;
    private char[]? _rented;
    private int _length;

    public CharBuilder(Span<char> initial)
    {
        _chars = initial;
        _rented = null;
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<char> Written => _chars[.._length];

    public void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = c;
    }

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            Grow(text.Length);
        }

        text.CopyTo(_chars[_length..]);
        _length += text.Length;
    }

    /// <summary>Appends <paramref name="count"/> characters and returns them to be filled in.</summary>
    public Span<char> AppendSpan(int count)
    {
        if (_length + count > _chars.Length)
        {
            Grow(count);
        }

        var span = _chars.Slice(_length, count);
        _length += count;
        return span;
    }

    public void Truncate(int length) => _length = Math.Clamp(length, 0, _length);

    public readonly override string ToString() => _chars[.._length].ToString();

    public void Dispose()
    {
        var rented = _rented;
        this = default;
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private void Grow(int additional)
    {
        var next = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + additional));
        _chars[.._length].CopyTo(next);
        var old = _rented;
        _chars = next;
        _rented = next;
        if (old is not null)
        {
            ArrayPool<char>.Shared.Return(old);
        }
    }
}
