namespace Portal.Domain.Backfill.Matching;

/// <summary>An imported row's person, already normalized (name split, one preferred email, title standardized).</summary>
public readonly record struct PersonRow(
    string FullName,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    string? LinkedinUrl = null,
    string? Title = null);

/// <summary>An existing person selected for the row: by an exact lookup key (any company) or as a member of the matched company.</summary>
public readonly record struct PersonCandidate(
    string Id,
    string CompanyId,
    string FullName,
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    string? LinkedinUrl = null,
    string? Title = null);

/// <summary>
/// Seed 001's person rules, in order, the first that finds someone deciding: LinkedIn URL, email, email domain +
/// first + last name (all exact, 1.0, across companies since they identify the person); otherwise the fuzzy
/// full-name ratio against the people of the matched company only, with the person thresholds. The title never
/// makes a match: it only orders candidates whose name scores are equal (when its similarity reaches
/// <see cref="MatchingThresholds.TitleTieBreak"/>), and only a unique best is auto-matched.
/// </summary>
public static class PersonMatcher
{
    /// <summary>
    /// Mailbox providers shared by unrelated people: their domain says nothing about the employer, so the
    /// "email domain + name" rule does not apply to them (two John Smiths at gmail.com are not one person).
    /// </summary>
    public static IReadOnlySet<string> DefaultSharedEmailDomains { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "hotmail.com", "outlook.com", "live.com", "msn.com",
        "aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net", "mail.com",
        "yandex.com", "zoho.com", "comcast.net", "verizon.net", "att.net",
    };

    /// <summary>
    /// The exact-rule lookup keys of a person (<c>li:</c> LinkedIn, <c>em:</c> email, <c>dn:</c> email domain + first
    /// + last). Computed the same way for existing people and for rows, they select the exact-rule candidates in bulk
    /// (one dictionary or indexed key table, no pairwise comparison); a person sharing no key can only match fuzzily
    /// within the row's company.
    /// </summary>
    public static IReadOnlyList<string> LookupKeys(string? linkedinUrl, string? email, string? firstName, string? lastName, IReadOnlySet<string>? sharedEmailDomains = null)
    {
        var keys = new List<string>(3);
        if (LinkedInUrl.Normalize(linkedinUrl) is { } linkedin)
        {
            keys.Add("li:" + linkedin);
        }

        var mail = email.AsSpan().Trim();
        if (!mail.IsEmpty)
        {
            keys.Add(string.Concat("em:", mail).ToLowerInvariant());
        }

        var domain = EmailDomain(email);
        var first = firstName.AsSpan().Trim();
        var last = lastName.AsSpan().Trim();
        if (!domain.IsEmpty && !first.IsEmpty && !last.IsEmpty && !IsShared(domain, sharedEmailDomains))
        {
            keys.Add($"dn:{domain}\u001F{first}\u001F{last}".ToLowerInvariant());
        }

        return keys;
    }

    /// <param name="companyId">The company the row matched (or null when it is new: then only exact rules can match).</param>
    /// <param name="candidates">Exact-key hits from any company plus the people of <paramref name="companyId"/>; a person listed twice counts once.</param>
    /// <param name="sharedEmailDomains">Lower-case domains; defaults to <see cref="DefaultSharedEmailDomains"/>.</param>
    public static MatchDecision Match(
        PersonRow row,
        string? companyId,
        IReadOnlyList<PersonCandidate> candidates,
        MatchingThresholds? thresholds = null,
        IReadOnlySet<string>? sharedEmailDomains = null)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var limits = (thresholds ?? MatchingThresholds.Default).Validate();

        if (!string.IsNullOrWhiteSpace(row.LinkedinUrl)
            && ExactHits(candidates, row, static (r, c) => LinkedInUrl.Same(r.LinkedinUrl, c.LinkedinUrl), MatchReasons.LinkedIn) is { } byLinkedIn)
        {
            return Decisions.Exact(byLinkedIn);
        }

        if (!string.IsNullOrWhiteSpace(row.Email)
            && ExactHits(candidates, row, static (r, c) => SameText(r.Email, c.Email), MatchReasons.Email) is { } byEmail)
        {
            return Decisions.Exact(byEmail);
        }

        if (!EmailDomain(row.Email).IsEmpty
            && !IsShared(EmailDomain(row.Email), sharedEmailDomains)
            && !string.IsNullOrWhiteSpace(row.FirstName)
            && !string.IsNullOrWhiteSpace(row.LastName)
            && ExactHits(candidates, row, static (r, c) => SameText(r.FirstName, c.FirstName) && SameText(r.LastName, c.LastName)
                && EmailDomain(r.Email).Equals(EmailDomain(c.Email), StringComparison.OrdinalIgnoreCase), MatchReasons.EmailDomainAndName) is { } byDomainAndName)
        {
            return Decisions.Exact(byDomainAndName);
        }

        return companyId is null ? MatchDecision.None : Fuzzy(row, companyId, candidates, limits);
    }

    private static MatchDecision Fuzzy(PersonRow row, string companyId, IReadOnlyList<PersonCandidate> candidates, MatchingThresholds limits)
    {
        var rowName = NameOf(row.FullName, row.FirstName, row.LastName);
        var rowWords = NameWords.Of(rowName);
        var thin = NameWords.IsThin(rowWords);
        var scored = new List<MatchCandidate>();
        var titles = new Dictionary<string, string?>(StringComparer.Ordinal); // also dedupes candidates found twice
        foreach (var candidate in candidates)
        {
            if (string.Equals(candidate.CompanyId, companyId, StringComparison.Ordinal) && titles.TryAdd(candidate.Id, candidate.Title))
            {
                var name = NameOf(candidate.FullName, candidate.FirstName, candidate.LastName);
                if (thin && NameWords.Fits(rowWords, NameWords.Of(name)))
                {
                    scored.Add(new MatchCandidate(candidate.Id, Similarity.Ratio(rowName, name), MatchReasons.ThinName));
                }
                else if (!thin)
                {
                    scored.Add(new MatchCandidate(candidate.Id, Similarity.Ratio(rowName, name), MatchReasons.Name));
                }
            }
        }

        if (thin)
        {
            // Too little of a name to decide: someone who could be this person means review, never a new person or a guess.
            scored.Sort(Decisions.BestFirst);
            return scored.Count == 0 ? MatchDecision.None : new MatchDecision(MatchKind.Review, null, scored[0].Score, scored);
        }

        scored.Sort(Decisions.BestFirst);
        // Title as a supporting signal: only among the candidates tied for the best name score.
        var tiedCount = 1;
        while (tiedCount < scored.Count && scored[tiedCount].Score.Equals(scored[0].Score))
        {
            tiedCount++;
        }

        if (tiedCount > 1)
        {
            for (var i = 0; i < tiedCount; i++)
            {
                var title = titles[scored[i].Id];
                var titleScore = string.IsNullOrWhiteSpace(row.Title) || string.IsNullOrWhiteSpace(title) ? 0 : Similarity.Ratio(row.Title, title);
                scored[i] = scored[i] with { TitleScore = titleScore >= limits.TitleTieBreak ? titleScore : 0 };
            }

            scored.Sort(Decisions.BestFirst);
        }

        return Decisions.Fuzzy(scored, limits.PersonAutoMatch, limits.PersonReview);
    }

    private static List<MatchCandidate>? ExactHits(
        IReadOnlyList<PersonCandidate> candidates,
        PersonRow row,
        Func<PersonRow, PersonCandidate, bool> rule,
        string reason)
    {
        List<MatchCandidate>? hits = null;
        foreach (var candidate in candidates)
        {
            if (rule(row, candidate) && (hits is null || !hits.Exists(h => h.Id == candidate.Id)))
            {
                (hits ??= []).Add(new MatchCandidate(candidate.Id, 1.0, reason));
            }
        }

        return hits;
    }

    private static string NameOf(string? fullName, string? firstName, string? lastName) =>
        !string.IsNullOrWhiteSpace(fullName) ? fullName : $"{firstName?.Trim()} {lastName?.Trim()}";

    private static bool SameText(string? a, string? b)
    {
        var x = a.AsSpan().Trim();
        return !x.IsEmpty && x.Equals(b.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static ReadOnlySpan<char> EmailDomain(string? email)
    {
        var s = email.AsSpan().Trim();
        var at = s.LastIndexOf('@');
        return at <= 0 ? [] : s[(at + 1)..];
    }

    private static bool IsShared(ReadOnlySpan<char> domain, IReadOnlySet<string>? sharedEmailDomains) =>
        (sharedEmailDomains ?? DefaultSharedEmailDomains).Contains(domain.ToString().ToLowerInvariant());
}
