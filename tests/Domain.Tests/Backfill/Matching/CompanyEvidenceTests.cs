using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class CompanyEvidenceTests
{
    private static readonly MatchDecision ByDomain = new(MatchKind.Perfect, "C-1", 1.0, [new MatchCandidate("C-1", 1.0, MatchReasons.Domain)]);
    private static readonly MatchDecision Undecided = new(MatchKind.Review, null, 0.8, [new MatchCandidate("C-1", 0.8, MatchReasons.Name), new MatchCandidate("C-2", 0.8, MatchReasons.Name)]);

    [Fact]
    public void AMatchedCompany_StandsOverThePersonsCompany()
    {
        var choice = CompanyEvidence.Choose(ByDomain, "C-9", hasName: true, "one.test");

        (choice.Outcome, choice.Decision.MatchedId).ShouldBe((CompanyOutcome.Matched, "C-1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnExactlyNamedPerson_NamesTheCompany_OfAnUndecidedOrNamelessRow(bool hasName)
    {
        var choice = CompanyEvidence.Choose(Undecided, "C-9", hasName, null);

        choice.Outcome.ShouldBe(CompanyOutcome.Matched);
        choice.Decision.Candidates.ShouldBe([new MatchCandidate("C-9", 1.0, CompanyEvidence.KnownPerson)]);
    }

    [Fact]
    public void AnUndecidedRow_GoesToReview_AndAnUnknownOne_IsCreated()
    {
        CompanyEvidence.Choose(Undecided, null, hasName: true, null).Outcome.ShouldBe(CompanyOutcome.Review);
        CompanyEvidence.Choose(MatchDecision.None, null, hasName: true, null).Outcome.ShouldBe(CompanyOutcome.Create);
    }

    [Theory]
    [InlineData(null, "company_name is blank, and no domain, website, work email, LinkedIn URL or email of a known person identifies the company")]
    [InlineData("nowhere.test", "company_name is blank, and its domain nowhere.test is no known company's")]
    public void ANamelessRow_ThatNothingIdentifies_IsAnError_NamingTheColumn(string? domain, string error)
    {
        var choice = CompanyEvidence.Choose(MatchDecision.None, null, hasName: false, domain);

        (choice.Outcome, choice.Error).ShouldBe((CompanyOutcome.Unidentified, error));
    }
}
