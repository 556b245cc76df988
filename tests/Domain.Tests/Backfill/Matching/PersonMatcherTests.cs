using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class PersonMatcherTests
{
    private const string Acme = "C-ACME";
    private const string Globex = "C-GLOBEX";

    private static MatchDecision Match(PersonRow row, params PersonCandidate[] candidates) => PersonMatcher.Match(row, Acme, candidates);

    [Fact]
    public void Match_SeedExample_JohnSmithMatchesJonSmith_AtTheSameCompany()
    {
        var decision = Match(new PersonRow("John Smith"), new PersonCandidate("P-1", Acme, "Jon Smith"));

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.MatchedId.ShouldBe("P-1");
        decision.Confidence.ShouldBe(0.9473684210526315);
        decision.Candidates.ShouldBe([new MatchCandidate("P-1", 0.9473684210526315, MatchReasons.Name)]);
    }

    [Fact]
    public void Match_FuzzyName_OnlyConsidersPeopleOfTheMatchedCompany()
    {
        Match(new PersonRow("John Smith"), new PersonCandidate("P-1", Globex, "John Smith")).ShouldBe(MatchDecision.None);
        PersonMatcher.Match(new PersonRow("John Smith"), null, [new PersonCandidate("P-1", Acme, "John Smith")]).ShouldBe(MatchDecision.None);
    }

    [Fact]
    public void Match_LinkedInUrl_IsPerfect_AcrossCompanies_AndWhateverItsFormatting()
    {
        var decision = Match(
            new PersonRow("Johnny Smith", LinkedinUrl: "https://www.LinkedIn.com/in/John-Smith/?trk=profile"),
            new PersonCandidate("P-7", Globex, "J. Smith", LinkedinUrl: "linkedin.com/in/john-smith"));

        decision.Kind.ShouldBe(MatchKind.Perfect);
        decision.MatchedId.ShouldBe("P-7");
        decision.Candidates.ShouldBe([new MatchCandidate("P-7", 1.0, MatchReasons.LinkedIn)]);
    }

    [Fact]
    public void Match_AppliesTheRulesInOrder_LinkedInBeforeEmail()
    {
        var decision = Match(
            new PersonRow("John Smith", Email: "john@acme.com", LinkedinUrl: "linkedin.com/in/jsmith"),
            new PersonCandidate("P-EMAIL", Acme, "John Smith", Email: "john@acme.com"),
            new PersonCandidate("P-LINKEDIN", Acme, "John Smith", LinkedinUrl: "https://uk.linkedin.com/in/jsmith"));

        decision.MatchedId.ShouldBe("P-LINKEDIN");
        decision.Candidates.Single().Reason.ShouldBe(MatchReasons.LinkedIn);
    }

    [Fact]
    public void Match_Email_IsPerfect_IgnoringCase()
    {
        var decision = Match(new PersonRow("J Smith", Email: "John.Smith@Acme.com"), new PersonCandidate("P-2", Globex, "Johnathan Smith", Email: "john.smith@acme.com "));

        decision.Kind.ShouldBe(MatchKind.Perfect);
        decision.MatchedId.ShouldBe("P-2");
        decision.Candidates.Single().Reason.ShouldBe(MatchReasons.Email);
    }

    [Fact]
    public void Match_EmailDomainAndFirstAndLastName_IsPerfect()
    {
        var decision = Match(
            new PersonRow("John Smith", "John", "Smith", Email: "jsmith@acme.com"),
            new PersonCandidate("P-3", Globex, "John Q. Smith", "john", "SMITH", Email: "john.smith@acme.com"));

        decision.Kind.ShouldBe(MatchKind.Perfect);
        decision.MatchedId.ShouldBe("P-3");
        decision.Candidates.Single().Reason.ShouldBe(MatchReasons.EmailDomainAndName);
    }

    [Fact]
    public void Match_EmailDomainAndName_DoesNotApply_ToSharedMailboxProviders()
    {
        PersonCandidate other = new("P-4", Globex, "John Smith", "John", "Smith", Email: "john.smith77@gmail.com");
        var row = new PersonRow("John Smith", "John", "Smith", Email: "jsmith@gmail.com");

        Match(row, other).ShouldBe(MatchDecision.None);
        PersonMatcher.Match(row, Acme, [other], sharedEmailDomains: new HashSet<string>()).MatchedId.ShouldBe("P-4");
    }

    [Fact]
    public void Match_SendsAnExactHitOnTwoPeopleToReview()
    {
        var decision = Match(
            new PersonRow("John Smith", Email: "john@acme.com"),
            new PersonCandidate("P-2", Acme, "John Smith", Email: "john@acme.com"),
            new PersonCandidate("P-1", Acme, "Jon Smith", Email: "JOHN@acme.com"));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.Confidence.ShouldBe(1.0);
        decision.Candidates.ShouldBe([new MatchCandidate("P-1", 1.0, MatchReasons.Email), new MatchCandidate("P-2", 1.0, MatchReasons.Email)]);
    }

    [Fact]
    public void Match_ReviewZone_ListsEveryCandidateWithItsScore_BestFirst()
    {
        var decision = Match(
            new PersonRow("Sara Conner"),
            new PersonCandidate("P-3", Acme, "Bob Jones"),
            new PersonCandidate("P-1", Acme, "Sarah Connor"),
            new PersonCandidate("P-2", Acme, "Sam Connelly"));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.MatchedId.ShouldBeNull();
        decision.Confidence.ShouldBe(0.8695652173913043);
        decision.Candidates.ShouldBe(
        [
            new MatchCandidate("P-1", 0.8695652173913043, MatchReasons.Name),
            new MatchCandidate("P-2", 0.6956521739130435, MatchReasons.Name),
            new MatchCandidate("P-3", 0.4, MatchReasons.Name),
        ]);
    }

    [Fact]
    public void Match_TitleBreaksATieBetweenEqualNameScores()
    {
        var decision = Match(
            new PersonRow("John Smith", Title: "VP HR"),
            new PersonCandidate("P-1", Acme, "John Smith", Title: "CFO"),
            new PersonCandidate("P-2", Acme, "John Smith", Title: "VP of HR"),
            new PersonCandidate("P-3", Acme, "Jon Smyth", Title: "VP HR"));

        decision.Kind.ShouldBe(MatchKind.Fuzzy);
        decision.MatchedId.ShouldBe("P-2");
        decision.Confidence.ShouldBe(1.0);
        decision.Candidates.ShouldBe(
        [
            new MatchCandidate("P-2", 1.0, MatchReasons.Name, 0.7692307692307693),
            new MatchCandidate("P-1", 1.0, MatchReasons.Name, 0.0),
            new MatchCandidate("P-3", Similarity.Ratio("John Smith", "Jon Smyth"), MatchReasons.Name),
        ]);
    }

    [Fact]
    public void Match_SendsATieTheTitleCannotBreak_ToReview()
    {
        var decision = Match(
            new PersonRow("John Smith", Title: "VP of HR"),
            new PersonCandidate("P-1", Acme, "John Smith", Title: "VP of HR"),
            new PersonCandidate("P-2", Acme, "John Smith", Title: "vp of hr"));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.MatchedId.ShouldBeNull();
        decision.Candidates.Select(c => c.Id).ShouldBe(["P-1", "P-2"]);
    }

    [Fact]
    public void Match_IgnoresTitlesLessSimilarThanTheTieBreakMinimum()
    {
        PersonCandidate[] namesakes = [new("P-1", Acme, "John Smith", Title: "CFO"), new("P-2", Acme, "John Smith", Title: "Office Manager")];
        var row = new PersonRow("John Smith", Title: "CEO");

        var decision = PersonMatcher.Match(row, Acme, namesakes);
        var lenient = PersonMatcher.Match(row, Acme, namesakes, new MatchingThresholds { TitleTieBreak = 0.5 });

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.Candidates.Select(c => c.TitleScore).ShouldBe([0.0, 0.0]);
        lenient.MatchedId.ShouldBe("P-1");
        lenient.Candidates[0].TitleScore.ShouldBe(0.6666666666666666);
    }

    [Fact]
    public void Match_TitleNeverCreatesAMatchOnItsOwn()
    {
        Match(new PersonRow("Jane Doe", Title: "VP of HR"), new PersonCandidate("P-1", Acme, "John Smith", Title: "VP of HR"))
            .Kind.ShouldBe(MatchKind.NoMatch);
        Match(new PersonRow("Sara Conner", Title: "CFO"), new PersonCandidate("P-1", Acme, "Sarah Connor", Title: "CFO"))
            .Kind.ShouldBe(MatchKind.Review);
    }

    [Fact]
    public void Match_ThresholdsAreData_ChangingThemChangesTheDecision()
    {
        var row = new PersonRow("John Smith");
        PersonCandidate[] candidates = [new("P-1", Acme, "Jon Smith")];

        PersonMatcher.Match(row, Acme, candidates, new MatchingThresholds { PersonAutoMatch = 0.95 }).Kind.ShouldBe(MatchKind.Review);
        PersonMatcher.Match(row, Acme, candidates, new MatchingThresholds { PersonAutoMatch = 0.96, PersonReview = 0.95 }).Kind.ShouldBe(MatchKind.NoMatch);
        PersonMatcher.Match(new PersonRow("Sara Conner"), Acme, [new("P-2", Acme, "Sarah Connor")], new MatchingThresholds { PersonAutoMatch = 0.85 })
            .MatchedId.ShouldBe("P-2");
    }

    [Fact]
    public void Match_UsesFirstAndLastName_WhenTheFullNameIsBlank() =>
        Match(new PersonRow(" ", "John", "Smith"), new PersonCandidate("P-1", Acme, "Jon Smith")).Confidence.ShouldBe(0.9473684210526315);

    [Fact]
    public void LookupKeys_AreTheSame_ForARowAndTheExistingPersonItDescribes()
    {
        var row = PersonMatcher.LookupKeys("https://www.linkedin.com/in/John-Smith/", " John.Smith@ACME.com", "John", "Smith");
        var existing = PersonMatcher.LookupKeys("linkedin.com/in/john-smith", "john.smith@acme.com", "JOHN", " smith");

        row.ShouldBe(["li:linkedin.com/in/john-smith", "em:john.smith@acme.com", "dn:acme.com\u001Fjohn\u001Fsmith"]);
        existing.ShouldBe(row);
    }

    [Fact]
    public void LookupKeys_SkipBlankFields_AndSharedMailboxDomains()
    {
        PersonMatcher.LookupKeys(null, "jsmith@gmail.com", "John", "Smith").ShouldBe(["em:jsmith@gmail.com"]);
        PersonMatcher.LookupKeys(" ", null, "John", null).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Pia")]
    [InlineData("Khan")]
    [InlineData("P. Khan")]
    public void Match_ThinName_WithSomeoneItFits_GoesToReview_NeverNewOrMatched(string name)
    {
        var decision = Match(new PersonRow(name), new PersonCandidate("P-1", Acme, "Pia Khan"), new PersonCandidate("P-2", Acme, "Robert Johnson"));

        decision.Kind.ShouldBe(MatchKind.Review);
        decision.Candidates.Select(c => (c.Id, c.Reason)).ShouldBe([("P-1", MatchReasons.ThinName)]);
    }

    [Fact]
    public void Match_ThinName_ThatFitsNobody_IsNew()
    {
        Match(new PersonRow("Zed"), new PersonCandidate("P-1", Acme, "Pia Khan")).ShouldBe(MatchDecision.None);
    }

    [Fact]
    public void Match_ThinName_WithAnExactKey_IsStillPerfect()
    {
        var decision = Match(new PersonRow("Pia", Email: "pia.khan@acme.com"), new PersonCandidate("P-1", Acme, "Pia Khan", Email: "pia.khan@acme.com"));

        decision.Kind.ShouldBe(MatchKind.Perfect);
    }
}
