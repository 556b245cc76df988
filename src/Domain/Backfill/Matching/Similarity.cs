using System.Buffers;

namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// String similarity as Python's <c>difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()</c>: 2·M/T, where T is
/// the total length and M the characters in the matching blocks found by the Ratcliff/Obershelp recursion (take the
/// longest common block, earliest in <c>a</c> then in <c>b</c> on ties, and recurse left and right of it).
/// Unlike difflib, the comparison is case-insensitive (invariant lower case) after trimming both strings.
/// </summary>
/// <remarks>
/// The seed's matcher is SequenceMatcher, so thresholds tuned there (0.90, 0.88) mean the same thing here. No junk
/// heuristics: difflib only applies its "popular character" autojunk to strings of 200+ characters, far above any
/// name. Characters are UTF-16 code units (identical to Python's code points outside the astral planes). As in
/// difflib the measure is not always symmetric (("abbccbc", "bbabc") gives 0.5, the reverse 0.667), so the matchers
/// always pass the imported value first and the existing one second. Allocation-free up to 512 characters in
/// total; longer strings rent pooled buffers.
/// </remarks>
public static class Similarity
{
    private const int StackLimit = 512;

    public static double Ratio(string? a, string? b) => Ratio(a.AsSpan(), b.AsSpan());

    public static double Ratio(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.Trim();
        b = b.Trim();
        var total = a.Length + b.Length;
        if (total == 0)
        {
            return 1.0; // difflib: two empty sequences are identical
        }

        if (a.Length == 0 || b.Length == 0)
        {
            return 0.0;
        }

        if (a.Equals(b, StringComparison.OrdinalIgnoreCase))
        {
            return 1.0;
        }

        char[]? rentedChars = null;
        int[]? rentedRows = null;
        var rowsLength = 2 * (b.Length + 1);
        Span<char> chars = total <= StackLimit ? stackalloc char[total] : (rentedChars = ArrayPool<char>.Shared.Rent(total));
        Span<int> rows = rowsLength <= StackLimit ? stackalloc int[rowsLength] : (rentedRows = ArrayPool<int>.Shared.Rent(rowsLength));
        try
        {
            var lowerA = chars[..a.Length];
            var lowerB = chars.Slice(a.Length, b.Length);
            a.ToLowerInvariant(lowerA);
            b.ToLowerInvariant(lowerB);
            var matches = CountMatches(lowerA, lowerB, 0, a.Length, 0, b.Length, rows[..rowsLength]);
            return 2.0 * matches / total;
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedRows is not null)
            {
                ArrayPool<int>.Shared.Return(rentedRows);
            }
        }
    }

    /// <summary>
    /// True when the words differ by exactly one typo: one letter substituted, inserted or deleted, or two neighbours
    /// swapped (Damerau's restricted edit distance of 1).
    /// </summary>
    public static bool IsOneEditApart(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var endA = a.Length;
        var endB = b.Length;
        while (endA > start && endB > start && a[endA - 1] == b[endB - 1])
        {
            endA--;
            endB--;
        }

        var restA = endA - start;
        var restB = endB - start;
        return (restA <= 1 && restB <= 1)
            || (restA == 2 && restB == 2 && a[start] == b[start + 1] && a[start + 1] == b[start]);
    }

    /// <summary>
    /// An upper bound of <see cref="Ratio(string?, string?)"/> computed without matching blocks, as difflib's
    /// <c>quick_ratio()</c>: 2·(characters the two strings have in common, counted with multiplicity)/T. Cheap enough to
    /// discard candidates that cannot reach a threshold before computing their ratio.
    /// </summary>
    public static double UpperBound(string? a, string? b)
    {
        var x = a.AsSpan().Trim();
        var y = b.AsSpan().Trim();
        var total = x.Length + y.Length;
        if (total == 0)
        {
            return 1.0;
        }

        if (total > StackLimit)
        {
            return 2.0 * Math.Min(x.Length, y.Length) / total; // the length bound: enough for what the bound is for
        }

        Span<char> chars = stackalloc char[total];
        var lowerX = chars[..x.Length];
        var lowerY = chars[x.Length..];
        x.ToLowerInvariant(lowerX);
        y.ToLowerInvariant(lowerY);
        lowerX.Sort();
        lowerY.Sort();
        int i = 0, j = 0, common = 0;
        while (i < lowerX.Length && j < lowerY.Length)
        {
            var order = lowerX[i].CompareTo(lowerY[j]);
            if (order == 0)
            {
                common++;
                i++;
                j++;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / total;
    }

    // get_matching_blocks: the longest block, then the same on each side of it. Only the total size is needed.
    private static int CountMatches(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int alo, int ahi, int blo, int bhi, Span<int> rows)
    {
        var (i, j, k) = FindLongestMatch(a, b, alo, ahi, blo, bhi, rows);
        if (k == 0)
        {
            return 0;
        }

        var total = k;
        if (alo < i && blo < j)
        {
            total += CountMatches(a, b, alo, i, blo, j, rows);
        }

        if (i + k < ahi && j + k < bhi)
        {
            total += CountMatches(a, b, i + k, ahi, j + k, bhi, rows);
        }

        return total;
    }

    // find_longest_match without junk: dynamic programming over "length of the common run ending at (i, j)", visiting
    // i then j in ascending order and replacing the best only on a strictly longer run, which yields difflib's
    // tie-break (smallest i, then smallest j).
    private static (int I, int J, int K) FindLongestMatch(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int alo, int ahi, int blo, int bhi, Span<int> rows)
    {
        var width = bhi - blo + 1;
        var previous = rows[..width];
        var current = rows.Slice(width, width);
        previous.Clear();
        current[0] = 0;
        int bestI = alo, bestJ = blo, bestK = 0;
        for (var i = alo; i < ahi; i++)
        {
            var ai = a[i];
            for (var j = blo; j < bhi; j++)
            {
                var column = j - blo + 1;
                if (b[j] != ai)
                {
                    current[column] = 0;
                    continue;
                }

                var k = previous[column - 1] + 1;
                current[column] = k;
                if (k > bestK)
                {
                    bestI = i - k + 1;
                    bestJ = j - k + 1;
                    bestK = k;
                }
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return (bestI, bestJ, bestK);
    }
}
