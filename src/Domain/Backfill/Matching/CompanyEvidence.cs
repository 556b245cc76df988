namespace Portal.Domain.Backfill.Matching;

/// <summary>What becomes of a row's company.</summary>
public enum CompanyOutcome
{
    /// <summary>A known company: by domain, by name, or as the company of the person the row names exactly.</summary>
    Matched,

    /// <summary>Undecided between candidates: the row goes to review.</summary>
    Review,

    /// <summary>No known company: the import creates it.</summary>
    Create,

    /// <summary>No company name and nothing else that names a known company: the row is an error.</summary>
    Unidentified,
}

/// <summary>The choice for a row's company, the decision behind it, and for an unidentified one, why.</summary>
public sealed record CompanyChoice(CompanyOutcome Outcome, MatchDecision Decision, string? Error = null);

/// <summary>
/// All the evidence for a row's company, strongest first: a company matched by domain or name; else the company of the
/// known person the row's LinkedIn URL or email names (also when the company cells are blank, vague or undecided);
/// else review, or a new company, unless the row has no company name to create one with.
/// </summary>
public static class CompanyEvidence
{
    /// <summary>The reason recorded when the person named the company.</summary>
    public const string KnownPerson = "known_person";

    /// <param name="byCompany">The company matcher's decision on the row's name and domain.</param>
    /// <param name="exactPersonCompanyId">The company of the one known person the row names exactly, if any.</param>
    /// <param name="hasName">Whether the row has a usable company name.</param>
    /// <param name="domain">The row's domain (from its domain, website or work email), for the error message.</param>
    /// <param name="nameColumn">The column the error names.</param>
    public static CompanyChoice Choose(MatchDecision byCompany, string? exactPersonCompanyId, bool hasName, string? domain, string nameColumn = "company_name")
    {
        ArgumentNullException.ThrowIfNull(byCompany);
        if (byCompany.IsMatch)
        {
            return new CompanyChoice(CompanyOutcome.Matched, byCompany);
        }

        if (exactPersonCompanyId is not null)
        {
            return new CompanyChoice(CompanyOutcome.Matched,
                new MatchDecision(MatchKind.Perfect, exactPersonCompanyId, 1.0, [new MatchCandidate(exactPersonCompanyId, 1.0, KnownPerson)]));
        }

        if (!hasName)
        {
            return new CompanyChoice(CompanyOutcome.Unidentified, byCompany, domain is null
                ? $"{nameColumn} is blank, and no domain, website, work email, LinkedIn URL or email of a known person identifies the company"
                : $"{nameColumn} is blank, and its domain {domain} is no known company's");
        }

        return new CompanyChoice(byCompany.Kind == MatchKind.Review ? CompanyOutcome.Review : CompanyOutcome.Create, byCompany);
    }
}
