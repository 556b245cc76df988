namespace Portal.Domain.Backfill.Matching;

/// <summary>An imported row's company, already normalized (suffixes removed, domain bare and lower case).</summary>
public readonly record struct CompanyRow(string Name, string? Domain);

/// <summary>An existing company selected for the row by domain or by a shared blocking key, name normalized.</summary>
public readonly record struct CompanyCandidate(string Id, string Name, string? Domain);

/// <summary>
/// Seed 001's company rules: the same domain is a perfect match (1.0); otherwise the best fuzzy ratio of the
/// normalized names decides with the company thresholds. Normalized names are compared because suffixes dominate
/// raw names: "Acme Corporation"/"Acme Corp" is only 0.72 raw but "Acme"/"Acme" is 1.0 once normalized.
/// </summary>
public static class CompanyMatcher
{
    /// <summary>
    /// The keys an existing company is indexed under for fuzzy candidate selection (see <see cref="NameBlocking"/> for
    /// the recall tradeoff): a row's candidates are the companies indexed under one of its <see cref="CandidateKeys"/>,
    /// plus those with the row's domain.
    /// </summary>
    public static IReadOnlyList<string> BlockingKeys(string? normalizedName) => NameBlocking.Keys(normalizedName);

    /// <summary>The keys a row's normalized name looks its fuzzy candidates up with.</summary>
    public static IReadOnlyList<string> CandidateKeys(string? normalizedName) => NameBlocking.LookupKeys(normalizedName);

    /// <summary>The domain as looked up and compared (trimmed, lower case), or null when blank.</summary>
    public static string? DomainKey(string? domain)
    {
        var trimmed = domain.AsSpan().Trim();
        return trimmed.IsEmpty ? null : trimmed.ToString().ToLowerInvariant();
    }

    /// <param name="candidates">Pre-selected candidates; a company listed twice (found by domain and by name) counts once.</param>
    public static MatchDecision Match(CompanyRow row, IReadOnlyList<CompanyCandidate> candidates, MatchingThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var limits = (thresholds ?? MatchingThresholds.Default).Validate();
        var seen = new HashSet<string>(candidates.Count, StringComparer.Ordinal);
        var rowDomain = row.Domain.AsSpan().Trim();
        List<MatchCandidate>? domainHits = null;
        if (!rowDomain.IsEmpty)
        {
            foreach (var candidate in candidates)
            {
                if (rowDomain.Equals(candidate.Domain.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase) && seen.Add(candidate.Id))
                {
                    (domainHits ??= []).Add(new MatchCandidate(candidate.Id, 1.0, MatchReasons.Domain));
                }
            }
        }

        if (domainHits is not null)
        {
            return Decisions.Exact(domainHits);
        }

        var scored = new List<MatchCandidate>(candidates.Count);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            // Evidence against: a company with a domain of its own other than the row's is another company, however alike the names.
            if (!rowDomain.IsEmpty && DomainKey(candidate.Domain) is { } theirs && !rowDomain.Equals(theirs, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (seen.Add(candidate.Id))
            {
                names[candidate.Id] = candidate.Name;
                scored.Add(new MatchCandidate(candidate.Id, Similarity.Ratio(row.Name, candidate.Name), MatchReasons.Name));
            }
        }

        scored.Sort(Decisions.BestFirst);
        var decision = Decisions.Fuzzy(scored, limits.CompanyAutoMatch, limits.CompanyReview);
        return decision.Kind == MatchKind.Fuzzy && DiffersByAWord(row.Name, names[decision.MatchedId!])
            ? decision with { Kind = MatchKind.Review, MatchedId = null }
            : decision;
    }

    /// <summary>
    /// True when one name has a word the other lacks and that is no single-typo variant of one of its words: "Contoso
    /// Partners" / "Contoso Painters" and "Northwind Traders" / "Northwind Trailers" name different companies even though
    /// their ratio clears 0.90, while "Contoso Partners" / "Contoso Partnres" is a typo. Such a pair goes to review.
    /// </summary>
    public static bool DiffersByAWord(string a, string b)
    {
        var left = Words(a);
        var right = Words(b);
        foreach (var word in left.ToList())
        {
            if (right.Remove(word))
            {
                left.Remove(word);
            }
        }

        foreach (var word in left)
        {
            var typo = right.FindIndex(other => Similarity.IsOneEditApart(word, other) || IsAbbreviation(word, other) || IsAbbreviation(other, word));
            if (typo < 0)
            {
                return true;
            }

            right.RemoveAt(typo);
        }

        return right.Count > 0;
    }

    /// <summary>"Intl" for "International", "Mach" for "Machines": the same first letter, and the rest in order within the word.</summary>
    private static bool IsAbbreviation(string shorter, string word)
    {
        if (shorter.Length < 2 || shorter.Length >= word.Length || shorter[0] != word[0])
        {
            return false;
        }

        var at = 1;
        foreach (var c in word.AsSpan(1))
        {
            if (at < shorter.Length && c == shorter[at])
            {
                at++;
            }
        }

        return at == shorter.Length;
    }

    private static List<string> Words(string name) =>
        [.. name.ToLowerInvariant().Split([' ', '-', '.', ',', '&', '/'], StringSplitOptions.RemoveEmptyEntries)];
}
