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
        foreach (var candidate in candidates)
        {
            if (seen.Add(candidate.Id))
            {
                scored.Add(new MatchCandidate(candidate.Id, Similarity.Ratio(row.Name, candidate.Name), MatchReasons.Name));
            }
        }

        scored.Sort(Decisions.BestFirst);
        return Decisions.Fuzzy(scored, limits.CompanyAutoMatch, limits.CompanyReview);
    }
}
