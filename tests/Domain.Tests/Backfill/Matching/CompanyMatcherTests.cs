using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class CompanyMatcherTests
{
    private static readonly string[] Suffixes = ["inc", "llc", "ltd", "corp", "corporation", "company", "group"];

    // A stand-in for the real company-name normalizer (Backfill/Normalization): drops seed 001's suffixes and
    // punctuation, title-cases. The matcher only ever sees normalized names.
    private static string Normalize(string name) =>
        string.Join(' ', name.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !Suffixes.Contains(token.ToLowerInvariant()))
            .Select(token => char.ToUpperInvariant(token[0]) + token[1..].ToLowerInvariant()));

    private static MatchDecision Match(string name, params CompanyCandidate[] candidates) =>
        CompanyMatcher.Match(new CompanyRow(name, null), candidates);

    [Fact]
    public void StandInNormalizer_GivesTheSeedExample() => Normalize("ACME CORPORATION, INC.").ShouldBe("Acme");

    [Fact]
    public void Match_SeedExample_AcmeCorporationMatchesAcmeCorp_OnNormalizedNames()
    {
        var decision = Match(Normalize("Acme Corporation"), new CompanyCandidate("C-1", Normalize("Acme Corp"), null));

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.MatchedId.ShouldBe("C-1");
        decision.Confidence.ShouldBeGreaterThanOrEqualTo(0.90);
        decision.Confidence.ShouldBe(1.0);
    }

    [Fact]
    public void Match_SeedExample_AcmeIncDoesNotMatchAbcInc()
    {
        var decision = Match(Normalize("Acme Inc"), new CompanyCandidate("C-2", Normalize("ABC Inc"), null));

        decision.Kind.ShouldBe(MatchKind.NoMatch);
        decision.MatchedId.ShouldBeNull();
        decision.Confidence.ShouldBe(0.5714285714285714);
        decision.Candidates.ShouldBe([new MatchCandidate("C-2", 0.5714285714285714, MatchReasons.Name)]);
    }

    [Fact]
    public void Match_ExactDomain_IsPerfect_EvenWhenTheNameDiffers()
    {
        var decision = CompanyMatcher.Match(
            new CompanyRow("Acme", "acme.com"),
            [new CompanyCandidate("C-1", "Acme", "acme.org"), new CompanyCandidate("C-9", "Acme Holdings Europe", " ACME.com ")]);

        decision.Kind.ShouldBe(MatchKind.Perfect);
        decision.MatchedId.ShouldBe("C-9");
        decision.Confidence.ShouldBe(1.0);
        decision.Candidates.ShouldBe([new MatchCandidate("C-9", 1.0, MatchReasons.Domain)]);
        decision.IsMatch.ShouldBeTrue();
    }

    [Fact]
    public void Match_SendsAmbiguousDomainToReview_WhenExistingCompaniesShareIt()
    {
        var decision = CompanyMatcher.Match(
            new CompanyRow("Acme", "acme.com"),
            [new CompanyCandidate("C-2", "Acme", "acme.com"), new CompanyCandidate("C-1", "Acme Labs", "acme.com")]);

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.MatchedId.ShouldBeNull();
        decision.Candidates.Select(c => c.Id).ShouldBe(["C-1", "C-2"]);
    }

    [Fact]
    public void Match_ReviewZone_ListsEveryCandidateWithItsScore_BestFirst()
    {
        var decision = Match(
            "Intl Business Machines",
            new CompanyCandidate("C-3", "Initech", null),
            new CompanyCandidate("C-1", "International Business Machines", null),
            new CompanyCandidate("C-2", "Globex", null));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.MatchedId.ShouldBeNull();
        decision.Confidence.ShouldBe(0.8301886792452831);
        decision.Candidates.ShouldBe(
        [
            new MatchCandidate("C-1", 0.8301886792452831, MatchReasons.Name),
            new MatchCandidate("C-3", 0.41379310344827586, MatchReasons.Name),
            new MatchCandidate("C-2", Similarity.Ratio("Intl Business Machines", "Globex"), MatchReasons.Name),
        ]);
    }

    [Fact]
    public void Match_AtTheAutoMatchThreshold_Matches() =>
        Match("Intl Business Machines", new CompanyCandidate("C-1", "Intl Business Mach", null)).Kind.ShouldBe(MatchKind.Fuzzy);

    [Fact]
    public void Match_ThresholdsAreData_ChangingThemChangesTheDecision()
    {
        var row = new CompanyRow("Intl Business Machines", null);
        CompanyCandidate[] candidates = [new("C-1", "International Business Machines", null)];

        CompanyMatcher.Match(row, candidates).Kind.ShouldBe(MatchKind.Review);
        CompanyMatcher.Match(row, candidates, new MatchingThresholds { CompanyAutoMatch = 0.80 }).MatchedId.ShouldBe("C-1");
        CompanyMatcher.Match(row, candidates, new MatchingThresholds { CompanyReview = 0.85 }).Kind.ShouldBe(MatchKind.NoMatch);
    }

    [Fact]
    public void Match_NeverAutoMatches_ATieForTheBestName()
    {
        var decision = Match("Acme", new CompanyCandidate("C-2", "Acme", null), new CompanyCandidate("C-1", "ACME", null));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.Confidence.ShouldBe(1.0);
        decision.Candidates.Select(c => c.Id).ShouldBe(["C-1", "C-2"]);
    }

    [Fact]
    public void Match_CountsACandidateFoundTwiceOnce()
    {
        var decision = Match("Acme", new CompanyCandidate("C-1", "Acme", null), new CompanyCandidate("C-1", "Acme", null));

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.Candidates.Count.ShouldBe(1);
    }

    [Fact]
    public void Match_WithoutCandidates_IsANewCompany() => Match("Acme").ShouldBe(MatchDecision.None);

    [Fact]
    public void BlockingKeys_AreTheAnchorsAndThreeQuarterCuts_OfTheLettersAndDigits()
    {
        CompanyMatcher.BlockingKeys("A.C.M.E. Widgets").ShouldBe(["a:acmets", "11s:acmewidge", "11e:mewidgets", "11o:acts"]);
        CompanyMatcher.BlockingKeys("3M").ShouldBe(["a:3m"]);
        CompanyMatcher.BlockingKeys(" - ").ShouldBeEmpty();
        CompanyMatcher.BlockingKeys(null).ShouldBeEmpty();
        CompanyMatcher.CandidateKeys(null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Acme Corporation", "Acme Corp")]
    [InlineData("Acme Widgets Inc", "ACME Widget, LLC")]
    [InlineData("Intl Business Machines", "International Business Machines")]
    [InlineData("Globex Holdings", "Globeks Holdings")]
    [InlineData("Initech Systems", "Inytech Systems")]
    [InlineData("Acme Widgets", "Xcme Widgets")]
    [InlineData("Acme Widgets", "Acme Widgetz")]
    public void CandidateKeys_FindTrueMatches_InBothDirections(string a, string b)
    {
        CompanyMatcher.CandidateKeys(Normalize(a)).Intersect(CompanyMatcher.BlockingKeys(Normalize(b))).ShouldNotBeEmpty();
        CompanyMatcher.CandidateKeys(Normalize(b)).Intersect(CompanyMatcher.BlockingKeys(Normalize(a))).ShouldNotBeEmpty();
    }

    [Fact]
    public void CandidateKeys_SeparateUnrelatedNames() =>
        CompanyMatcher.CandidateKeys(Normalize("Acme Inc")).Intersect(CompanyMatcher.BlockingKeys(Normalize("ABC Inc"))).ShouldBeEmpty();

    [Fact]
    public void DomainKey_IsTrimmedLowerCase_OrNull()
    {
        CompanyMatcher.DomainKey(" Acme.COM ").ShouldBe("acme.com");
        CompanyMatcher.DomainKey("  ").ShouldBeNull();
    }

    [Theory]
    [InlineData("Contoso Partners", "Contoso Painters")]
    [InlineData("Northwind Traders", "Northwind Trailers")]
    public void Match_NameDifferingByAWholeWord_GoesToReview_EvenAboveTheAutoMatchRatio(string row, string known)
    {
        var thresholds = new MatchingThresholds { CompanyAutoMatch = 0.85 };
        Similarity.Ratio(row, known).ShouldBeGreaterThanOrEqualTo(thresholds.CompanyAutoMatch);

        var decision = CompanyMatcher.Match(new CompanyRow(row, null), [new CompanyCandidate("C-1", known, null)], thresholds);

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.MatchedId.ShouldBeNull();
    }

    [Fact]
    public void Match_ATypoInOneWord_StillAutoMatches()
    {
        var decision = CompanyMatcher.Match(new CompanyRow("Contoso Partnres", null), [new CompanyCandidate("C-1", "Contoso Partners", null)]);

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.MatchedId.ShouldBe("C-1");
    }

    [Fact]
    public void Match_ACompanyWithAnotherDomain_IsNeverMatchedByNameAlone()
    {
        var decision = CompanyMatcher.Match(new CompanyRow("Acme", "acme.co.uk"), [new CompanyCandidate("C-1", "Acme", "acme.com")]);

        decision.ShouldBe(MatchDecision.None);
    }

    [Fact]
    public void Match_ACompanyWithoutADomain_CanStillBeMatchedByName_FromARowWithOne()
    {
        var decision = CompanyMatcher.Match(new CompanyRow("Acme", "acme.com"), [new CompanyCandidate("C-1", "Acme", null)]);

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.MatchedId.ShouldBe("C-1");
    }

    [Theory]
    [InlineData("Contoso Partners", "Contoso Partners", false)]
    [InlineData("Contoso Partners", "Partners Contoso", false)]
    [InlineData("Contoso Partners", "Contoso Partnres", false)]
    [InlineData("Contoso Partners", "Contoso Partner", false)]
    [InlineData("Contoso Partners", "Contoso Painters", true)]
    [InlineData("Intl Business Machines", "International Business Machines", false)]
    [InlineData("Intl Business Mach", "Intl Business Machines", false)]
    [InlineData("Acme", "Acme Labs", true)]
    [InlineData("Acme Labs", "Acme", true)]
    public void DiffersByAWord_TellsAnotherWordFromATypo(string a, string b, bool expected) =>
        CompanyMatcher.DiffersByAWord(a, b).ShouldBe(expected);
}
