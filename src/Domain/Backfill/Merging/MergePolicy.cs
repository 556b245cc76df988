using System.Text.Json;
using Portal.Domain.Backfill.Matching;

namespace Portal.Domain.Backfill.Merging;

/// <summary>How sure the match that brought a row to a person is: exact (LinkedIn URL, email) or anything weaker.</summary>
public enum MatchEvidence
{
    /// <summary>Name similarity, email domain + name, or a reviewer's link of a fuzzy candidate.</summary>
    Fuzzy,

    /// <summary>The same LinkedIn profile or the same email address.</summary>
    Exact,
}

/// <summary>What surrounds a merge: the evidence, the company's domain, and which addresses are personal mailboxes.</summary>
public sealed record MergeContext(MatchEvidence Evidence, string? CompanyDomain, Func<string, bool> IsPersonalEmail, MergeRules? Rules = null)
{
    /// <summary>The evidence a matcher's decision carries: exact only for the LinkedIn and email rules.</summary>
    public static MatchEvidence EvidenceOf(MatchDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Kind == MatchKind.Perfect && decision.Candidates.Count > 0
            && decision.Candidates[0].Reason is MatchReasons.LinkedIn or MatchReasons.Email
            ? MatchEvidence.Exact
            : MatchEvidence.Fuzzy;
    }
}

/// <summary>How field changes and conflicts are spelled in a row's log entry (snake case), for whoever reads them back.</summary>
public static class MergeLogJson
{
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>One field written: the value before and after.</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>An incoming value not taken, beside the value kept, and why; a reviewer can still choose it (then <paramref name="TakenBy"/> says who).</summary>
public sealed record FieldConflict(string Field, string? Kept, string Offered, string Reason, string? TakenBy = null);

/// <summary>The merged values, what changed, what was offered and refused, and the protected fields the row differed on.</summary>
public sealed record MergeOutcome(PersonValues Result, IReadOnlyList<FieldChange> Changes, IReadOnlyList<FieldConflict> Conflicts, IReadOnlyList<string> Locked);

/// <summary>Why an incoming value was not taken.</summary>
public static class ConflictReasons
{
    public const string PersonalEmail = "a personal address never replaces a work address";
    public const string DifferentEmail = "a different address replaces the present one only when it is a work address at the company's domain and the present one is personal";
    public const string ShorterName = "a shorter name never replaces a fuller one";
    public const string ConflictingName = "a name that does not agree with the present one (another given name or surname, or a typo) never replaces it";
    public const string TitleNeedsExactEvidence = "a title changes only on an exact match (LinkedIn URL or email)";
    public const string DifferentValue = "a present value is replaced only by a better one";
    public const string RuleOff = "replacing this field is switched off in the import rules";
}

/// <summary>
/// The merge policy (DESIGN.md, "Merge policy"): the rule for every write into an existing person. Protected (locked
/// or hand-corrected) fields are never written. An incoming value fills an empty field; it replaces a present one only
/// when a stated rule says it is better, never because it is newer: a work email at the company's domain beats a
/// personal one; a fuller name that agrees with the present one beats it; a title changes on exact evidence only. A value
/// not taken is returned as a conflict. Pure: no I/O, the same answer for the same input.
/// </summary>
public static class MergePolicy
{
    private static readonly string[] NameFields = [PersonFields.FullName, PersonFields.FirstName, PersonFields.LastName];

    /// <param name="present">The person as stored.</param>
    /// <param name="incoming">The values the row brings (null = says nothing).</param>
    /// <param name="isProtected">Whether a field is locked or corrected by hand.</param>
    public static MergeOutcome Merge(PersonValues present, PersonValues incoming, Func<string, bool> isProtected, MergeContext context)
    {
        ArgumentNullException.ThrowIfNull(present);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(isProtected);
        ArgumentNullException.ThrowIfNull(context);
        var rules = context.Rules ?? MergeRules.Default;
        var result = present;
        var changes = new List<FieldChange>();
        var conflicts = new List<FieldConflict>();
        var locked = new List<string>();

        void Take(string field, string value)
        {
            changes.Add(new FieldChange(field, result.Get(field), value));
            result = result.With(field, value);
        }

        // The name is one fact written in three fields: a fuller agreeing full name brings its parts with it.
        // Its parts follow a fuller full name only where they agree with the parts present, and never past a locked full name.
        var fullerName = incoming.FullName is { } incomingName && present.FullName is { } presentName
            && !isProtected(PersonFields.FullName) && !SameName(incomingName, presentName) && IsFullerAgreeingName(incomingName, presentName);
        foreach (var field in PersonFields.All)
        {
            if (incoming.Get(field) is not { } offered || string.IsNullOrWhiteSpace(offered))
            {
                continue;
            }

            var kept = present.Get(field);
            if (Same(field, kept, offered))
            {
                continue;
            }

            if (isProtected(field))
            {
                locked.Add(field);
                continue;
            }

            if (string.IsNullOrWhiteSpace(kept))
            {
                if (NameFields.Contains(field) && !fullerName && !AgreesWithFullName(field, offered, present.FullName))
                {
                    conflicts.Add(new FieldConflict(field, kept, offered, ConflictReasons.ConflictingName));
                    continue;
                }

                Take(field, offered);
                continue;
            }

            var refusal = field switch
            {
                PersonFields.FullName => NameRefusal(incoming.FullName, present.FullName, fullerName, rules),
                PersonFields.FirstName or PersonFields.LastName => NameRefusal(incoming.FullName, present.FullName, fullerName && PartAgrees(kept, offered), rules),
                PersonFields.Email => EmailRefusal(offered, kept, context, rules),
                PersonFields.Title => context.Evidence != MatchEvidence.Exact ? ConflictReasons.TitleNeedsExactEvidence
                    : rules.TitleReplacesOnExactEvidence ? null : ConflictReasons.RuleOff,
                _ => ConflictReasons.DifferentValue,
            };
            if (refusal is null)
            {
                Take(field, offered);
            }
            else
            {
                conflicts.Add(new FieldConflict(field, kept, offered, refusal));
            }
        }

        return new MergeOutcome(result, changes, conflicts, locked);
    }

    /// <summary>
    /// True when <paramref name="incoming"/> says more than <paramref name="present"/> and contradicts none of it: the
    /// same surname, every present word found in order (a present initial matching a word's first letter), and more letters.
    /// "J. Smith" → "John Smith" and "John Smith" → "John Michael Smith" qualify; "Jon Smith", "John" and "John Smyth" do not.
    /// </summary>
    public static bool IsFullerAgreeingName(string incoming, string present)
    {
        var fuller = Words(incoming);
        var shorter = Words(present);
        return fuller.Count >= 2 && shorter.Count > 0 && fuller[^1] == shorter[^1]
            && fuller.Sum(w => w.Length) > shorter.Sum(w => w.Length) && SaysNoMoreThan(shorter, fuller);
    }

    /// <summary>Every word of <paramref name="shorter"/> found in <paramref name="fuller"/> in order (an initial matching a word's first letter).</summary>
    private static bool SaysNoMoreThan(List<string> shorter, List<string> fuller)
    {
        var next = 0;
        foreach (var word in shorter)
        {
            while (next < fuller.Count && !WordAgrees(word, fuller[next]))
            {
                next++;
            }

            if (next == fuller.Count)
            {
                return false;
            }

            next++;
        }

        return true;
    }

    /// <summary>The same name when written alike: case, accents, dots and apostrophes aside.</summary>
    public static bool SameName(string? a, string? b) => a is not null && b is not null && Words(a).SequenceEqual(Words(b));

    private static string? NameRefusal(string? incoming, string? present, bool fullerName, MergeRules rules)
    {
        if (fullerName)
        {
            return rules.FullerNameReplaces ? null : ConflictReasons.RuleOff;
        }

        return incoming is not null && present is not null && SaysNoMoreThan(Words(incoming), Words(present))
            ? ConflictReasons.ShorterName
            : ConflictReasons.ConflictingName;
    }

    /// <summary>A present name part ("J.", "Jon") that the offered one says more of without contradicting it ("John", "Jonathan").</summary>
    private static bool PartAgrees(string present, string offered) => SaysNoMoreThan(Words(present), Words(offered));

    private static string? EmailRefusal(string offered, string present, MergeContext context, MergeRules rules)
    {
        if (context.IsPersonalEmail(offered))
        {
            return ConflictReasons.PersonalEmail;
        }

        if (!context.IsPersonalEmail(present) || !AtDomain(offered, context.CompanyDomain))
        {
            return ConflictReasons.DifferentEmail;
        }

        return rules.WorkEmailReplacesPersonal ? null : ConflictReasons.RuleOff;
    }

    /// <summary>An empty first or last name is filled only with the given name or surname of the present full name.</summary>
    private static bool AgreesWithFullName(string field, string offered, string? presentFullName)
    {
        if (field == PersonFields.FullName || string.IsNullOrWhiteSpace(presentFullName))
        {
            return true;
        }

        var words = Words(presentFullName);
        var part = Words(offered);
        if (part.Count == 0 || words.Count == 0)
        {
            return false;
        }

        return field == PersonFields.LastName
            ? words.Skip(words.Count - part.Count).SequenceEqual(part)
            : words.Take(part.Count).SequenceEqual(part);
    }

    private static bool AtDomain(string email, string? domain)
    {
        var company = CompanyMatcher.DomainKey(domain);
        var at = email.LastIndexOf('@');
        if (company is null || at < 0)
        {
            return false;
        }

        var host = email[(at + 1)..].Trim().ToLowerInvariant();
        return host == company || host.EndsWith("." + company, StringComparison.Ordinal);
    }

    private static bool Same(string field, string? kept, string offered) => field switch
    {
        PersonFields.LinkedInUrl => kept is not null && (LinkedInUrl.Same(kept, offered) || string.Equals(kept.Trim(), offered.Trim(), StringComparison.OrdinalIgnoreCase)),
        PersonFields.FullName or PersonFields.FirstName or PersonFields.LastName => SameName(kept, offered),
        PersonFields.Phone => kept is not null && Digits(kept) == Digits(offered),
        _ => kept is not null && string.Equals(kept.Trim(), offered.Trim(), StringComparison.OrdinalIgnoreCase),
    };

    private static bool WordAgrees(string present, string incoming) =>
        present == incoming || (present.Length == 1 && incoming[0] == present[0]);

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private static List<string> Words(string name) => [.. NameWords.Of(name)];
}
