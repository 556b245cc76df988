namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// Blocking keys for fuzzy name matching: instead of comparing a row with every existing name (1M × 1M), a row is
/// only compared with the names that share at least one key, looked up in bulk (a dictionary in memory). Keys are
/// taken from the name's letters and digits in invariant lower case ("Acme Widgets" → <c>acmewidgets</c>, length
/// L = 11, quarter q = L / 4 = 2):
/// <list type="bullet">
/// <item>the anchors: the first and the last three letters together (<c>a:acmets</c>), shared by names that differ
/// only in the middle, however much ("Intl Business Machines" / "International Business Machines");</item>
/// <item>three keys tagged with the length: all but the last quarter (<c>11s:acmewidg</c>), all but the first
/// quarter (<c>11e:mewidgets</c>), and the two outer quarters (<c>11o:acts</c>). An edit in the first quarter
/// (a typo, a letter inserted or dropped) cannot change the letters after it counted from the end, one in the last
/// quarter not those before it, one in the middle neither outer quarter: every single edit leaves a key intact.</item>
/// </list>
/// An existing name is indexed with <see cref="Keys"/>; a row looks up <see cref="LookupKeys"/>: its anchors, and the
/// three keys it would share with an existing name of each length up to <see cref="LengthTolerance"/> letters longer
/// or shorter than itself (cut from the row's own letters at that length's quarters).
/// </summary>
/// <remarks>
/// Why not the first and the last three letters as two separate keys (as before): a key is then shared by every
/// name that ends (or starts) with a common word ("…systems", "…solutions", "…technologies"), so blocks hold thousands
/// of names and the comparisons grow with the square of the data. Here every key spans three quarters of the name or
/// both of its ends, so a block only holds names that agree on most of their letters at the same places. Recall:
/// every single edit is found for names of four letters or more (before: names of five letters or fewer lost
/// middle edits), so are changes confined to the middle (anchors), and two edits in the same quarter or both in
/// the middle half. Not found: two edits in different regions of a short name, or a changed first or last three
/// letters together with a length difference of more than two ("The Acme Widget" vs "Acme Widgets"); such pairs
/// mostly score below the auto-match threshold anyway and become new records, a duplicate risk that is the price of
/// not comparing all pairs. Names without letters or digits get no key and can only match exactly (domain, email,
/// LinkedIn).
/// </remarks>
internal static class NameBlocking
{
    public const int AnchorWidth = 3;

    /// <summary>How much longer or shorter an existing name may be and still be found through its length-tagged keys.</summary>
    public const int LengthTolerance = 2;

    /// <summary>The keys an existing name is indexed under.</summary>
    public static string[] Keys(string? name)
    {
        Span<char> buffer = stackalloc char[256];
        var compact = Compact(name, buffer);
        if (compact.IsEmpty)
        {
            return [];
        }

        var keys = new List<string>(4) { Anchors(compact) };
        AddQuarterKeys(keys, compact, compact.Length);
        return [.. keys];
    }

    /// <summary>The keys a row's name looks up: its anchors and, for each nearby length, the keys a name of that length would share with it.</summary>
    public static string[] LookupKeys(string? name)
    {
        Span<char> buffer = stackalloc char[256];
        var compact = Compact(name, buffer);
        if (compact.IsEmpty)
        {
            return [];
        }

        var keys = new List<string>(1 + 3 * (2 * LengthTolerance + 1)) { Anchors(compact) };
        for (var length = compact.Length - LengthTolerance; length <= compact.Length + LengthTolerance; length++)
        {
            AddQuarterKeys(keys, compact, length);
        }

        return [.. keys];
    }

    private static ReadOnlySpan<char> Compact(string? name, Span<char> buffer)
    {
        var source = name.AsSpan();
        var compact = source.Length <= buffer.Length ? buffer : new char[source.Length];
        var length = 0;
        foreach (var c in source)
        {
            if (char.IsLetterOrDigit(c))
            {
                compact[length++] = char.ToLowerInvariant(c);
            }
        }

        return compact[..length];
    }

    private static string Anchors(ReadOnlySpan<char> compact) =>
        compact.Length <= 2 * AnchorWidth
            ? string.Concat("a:", compact)
            : string.Concat("a:", compact[..AnchorWidth], compact[^AnchorWidth..]);

    /// <summary>The keys an existing name of <paramref name="length"/> letters would have, cut from these letters.</summary>
    private static void AddQuarterKeys(List<string> keys, ReadOnlySpan<char> compact, int length)
    {
        var quarter = length / 4;
        var kept = length - quarter;
        if (quarter == 0 || kept > compact.Length)
        {
            return; // too short to cut, or this letters cannot be one edit away from a name that long
        }

        var tag = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        keys.Add(string.Concat(tag, "s:", compact[..kept]));
        keys.Add(string.Concat(tag, "e:", compact[^kept..]));
        keys.Add(string.Concat(tag, "o:", compact[..quarter], compact[^quarter..]));
    }
}
