using System.Collections.Frozen;

namespace Portal.Domain.Backfill.Normalization;

/// <summary>
/// A case-insensitive word list looked up by span without allocating; optionally ignoring dots
/// ("L.L.C." and "Ph.D." match "LLC" and "PhD"). Each word maps to its spelling in the rules.
/// </summary>
internal sealed class WordSet
{
    private const int MaxLookupLength = 64;

    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _ignoreDots;
    private readonly int _maxKeyLength;

    public WordSet(IEnumerable<string> words, bool ignoreDots)
    {
        _ignoreDots = ignoreDots;
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in words)
        {
            var spelling = word.Trim();
            var key = ignoreDots ? spelling.Replace(".", "", StringComparison.Ordinal) : spelling;
            if (key.Length is > 0 and <= MaxLookupLength && map.TryAdd(key, ignoreDots ? key : spelling))
            {
                _maxKeyLength = Math.Max(_maxKeyLength, key.Length);
            }
        }

        _lookup = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> word) => TryGet(word, out _);

    public bool TryGet(ReadOnlySpan<char> word, out string spelling)
    {
        spelling = "";
        if (word.IsEmpty || word.Length > MaxLookupLength)
        {
            return false;
        }

        if (!_ignoreDots || !word.Contains('.'))
        {
            return word.Length <= _maxKeyLength && _lookup.TryGetValue(word, out spelling!);
        }

        Span<char> buffer = stackalloc char[MaxLookupLength];
        var length = 0;
        foreach (var c in word)
        {
            if (c != '.')
            {
                buffer[length++] = c;
            }
        }

        return length > 0 && length <= _maxKeyLength && _lookup.TryGetValue(buffer[..length], out spelling!);
    }
}
