using Portal.Domain.Backfill.Matching;
using Portal.Domain.Backfill.Merging;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Merging;

public sealed class MergePolicyTests
{
    private static readonly HashSet<string> Personal = new(StringComparer.OrdinalIgnoreCase) { "gmail.com", "yahoo.com", "hotmail.com" };

    private static MergeContext Context(MatchEvidence evidence, MergeRules? rules = null) =>
        new(evidence, "acme.com", e => Personal.Contains(e[(e.LastIndexOf('@') + 1)..]), rules);

    public enum Expect
    {
        Take,
        Keep,
        Locked,
        Unchanged,
    }

    /// <summary>One field at a time: the present and the incoming value, the evidence, whether the field is protected, and what must happen.</summary>
    [Theory]
    // Email: work beats personal, never the reverse.
    [InlineData("email", "pia@gmail.com", "pia.khan@acme.com", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("email", "pia@gmail.com", "pia.khan@acme.com", MatchEvidence.Exact, false, Expect.Take)]
    [InlineData("email", "pia@gmail.com", "pia.khan@sales.acme.com", MatchEvidence.Exact, false, Expect.Take)]
    [InlineData("email", "pia.khan@acme.com", "pia@gmail.com", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("email", "pia.khan@acme.com", "pia@gmail.com", MatchEvidence.Fuzzy, false, Expect.Keep)]
    [InlineData("email", "pia.khan@acme.com", "pkhan@acme.com", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("email", "pia@gmail.com", "pia@yahoo.com", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("email", "pia@gmail.com", "pia@othercorp.com", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("email", "pia.khan@old-acme.com", "pia.khan@acme.com", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("email", null, "pia@gmail.com", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("email", null, "pia.khan@acme.com", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("email", "PIA.KHAN@ACME.COM", "pia.khan@acme.com", MatchEvidence.Exact, false, Expect.Unchanged)]
    [InlineData("email", "pia@gmail.com", "pia.khan@acme.com", MatchEvidence.Exact, true, Expect.Locked)]
    [InlineData("email", null, "pia.khan@acme.com", MatchEvidence.Exact, true, Expect.Locked)]
    // Title: exact evidence only replaces; an empty one is filled on any evidence.
    [InlineData("title", "VP Finance", "Chief Financial Officer", MatchEvidence.Exact, false, Expect.Take)]
    [InlineData("title", "VP Finance", "Chief Financial Officer", MatchEvidence.Fuzzy, false, Expect.Keep)]
    [InlineData("title", null, "Chief Financial Officer", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("title", "Controller", "Chief Financial Officer", MatchEvidence.Exact, true, Expect.Locked)]
    [InlineData("title", "cfo", "CFO", MatchEvidence.Fuzzy, false, Expect.Unchanged)]
    // Phone and LinkedIn: fill only.
    [InlineData("phone", null, "+15551234567", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("phone", "+15551234567", "+15559999999", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("phone", "+1 (555) 123-4567", "+15551234567", MatchEvidence.Exact, false, Expect.Unchanged)]
    [InlineData("phone", null, "+15551234567", MatchEvidence.Exact, true, Expect.Locked)]
    [InlineData("linkedin_url", null, "https://www.linkedin.com/in/pia-khan", MatchEvidence.Fuzzy, false, Expect.Take)]
    [InlineData("linkedin_url", "https://www.linkedin.com/in/pia-khan", "https://www.linkedin.com/in/someone-else", MatchEvidence.Exact, false, Expect.Keep)]
    [InlineData("linkedin_url", "https://www.linkedin.com/in/pia-khan/", "linkedin.com/in/Pia-Khan", MatchEvidence.Exact, false, Expect.Unchanged)]
    public void OneField(string field, string? present, string offered, MatchEvidence evidence, bool isProtected, Expect expect)
    {
        var outcome = MergePolicy.Merge(
            new PersonValues(FullName: "Pia Khan").With(field, present),
            new PersonValues().With(field, offered),
            f => isProtected && f == field,
            Context(evidence));

        Check(outcome, field, present, offered, expect);
    }

    /// <summary>Names: a fuller agreeing name replaces; a typo, a shorter or a conflicting name never does, whatever the evidence.</summary>
    [Theory]
    [InlineData("Pia Khan", "Pia Khae", MatchEvidence.Fuzzy, Expect.Keep)]
    [InlineData("Pia Khan", "Pia Khae", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Pia Khae", "Pia Khan", MatchEvidence.Fuzzy, Expect.Keep)]
    [InlineData("Robert Johnson", "Bob Johnson", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "Robert", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "Johnson", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "R. Johnson", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("R. Johnson", "Robert Johnson", MatchEvidence.Fuzzy, Expect.Take)]
    [InlineData("R Johnson", "Robert Johnson", MatchEvidence.Exact, Expect.Take)]
    [InlineData("Robert Johnson", "Robert James Johnson", MatchEvidence.Exact, Expect.Take)]
    [InlineData("Robert Johnson", "Robert J. Johnson", MatchEvidence.Fuzzy, Expect.Take)]
    [InlineData("Robert James Johnson", "Robert Johnson", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "Roberta Johnson", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "Robert Johnston", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("Robert Johnson", "Johnson Robert", MatchEvidence.Exact, Expect.Keep)]
    [InlineData("José Núñez", "Jose Nunez", MatchEvidence.Exact, Expect.Unchanged)]
    [InlineData("ROBERT JOHNSON", "Robert Johnson", MatchEvidence.Exact, Expect.Unchanged)]
    [InlineData("Mary O'Brien", "Mary OBrien", MatchEvidence.Fuzzy, Expect.Unchanged)]
    public void FullName(string present, string offered, MatchEvidence evidence, Expect expect)
    {
        var outcome = MergePolicy.Merge(new PersonValues(FullName: present), new PersonValues(FullName: offered), _ => false, Context(evidence));

        Check(outcome, PersonFields.FullName, present, offered, expect);
    }

    [Fact]
    public void FullerName_BringsItsFirstName_AndKeepsTheSurname()
    {
        var outcome = MergePolicy.Merge(
            new PersonValues("J. Smith", "J.", "Smith"),
            new PersonValues("John Smith", "John", "Smith"),
            _ => false,
            Context(MatchEvidence.Fuzzy));

        outcome.Result.ShouldBe(new PersonValues("John Smith", "John", "Smith"));
        outcome.Changes.ShouldBe([new FieldChange("full_name", "J. Smith", "John Smith"), new FieldChange("first_name", "J.", "John")]);
        outcome.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void FullerName_NeverReplacesAPartItContradicts()
    {
        var outcome = MergePolicy.Merge(new PersonValues("J. Smith", "Jonathan", "Smith"), new PersonValues("John Smith", "John", "Smith"), _ => false, Context(MatchEvidence.Exact));

        outcome.Result.FirstName.ShouldBe("Jonathan");
        outcome.Conflicts.ShouldHaveSingleItem().Field.ShouldBe("first_name");
    }

    [Fact]
    public void ALockedFullName_KeepsItsPartsToo()
    {
        var outcome = MergePolicy.Merge(new PersonValues("J. Smith", "J.", "Smith"), new PersonValues("John Smith", "John", "Smith"), f => f == "full_name", Context(MatchEvidence.Exact));

        outcome.Changes.ShouldBeEmpty();
        outcome.Result.FirstName.ShouldBe("J.");
    }

    [Fact]
    public void Typo_TouchesNoNameField_AndOffersEachAsAConflict()
    {
        var outcome = MergePolicy.Merge(
            new PersonValues("Pia Khan", "Pia", "Khan"),
            new PersonValues("Pia Khae", "Pia", "Khae"),
            _ => false,
            Context(MatchEvidence.Fuzzy));

        outcome.Changes.ShouldBeEmpty();
        outcome.Result.FullName.ShouldBe("Pia Khan");
        outcome.Conflicts.Select(c => (c.Field, c.Kept, c.Offered)).ShouldBe([("full_name", "Pia Khan", "Pia Khae"), ("last_name", "Khan", "Khae")]);
    }

    [Fact]
    public void FirstNameOnly_IsAShorterName_NotAnUpdate()
    {
        var outcome = MergePolicy.Merge(new PersonValues("Pia Khan", "Pia", "Khan"), new PersonValues("Pia", "Pia", null), _ => false, Context(MatchEvidence.Exact));

        outcome.Changes.ShouldBeEmpty();
        outcome.Conflicts.ShouldHaveSingleItem().Reason.ShouldBe(ConflictReasons.ShorterName);
    }

    [Theory]
    [InlineData("last_name", "Khan", true)]
    [InlineData("last_name", "Chen", false)]
    [InlineData("first_name", "Pia", true)]
    [InlineData("first_name", "Mia", false)]
    public void EmptyNamePart_IsFilledOnlyWithThePresentFullNamesPart(string field, string offered, bool taken)
    {
        var outcome = MergePolicy.Merge(new PersonValues("Pia Khan"), new PersonValues().With(field, offered), _ => false, Context(MatchEvidence.Fuzzy));

        outcome.Changes.Count.ShouldBe(taken ? 1 : 0);
        outcome.Conflicts.Count.ShouldBe(taken ? 0 : 1);
    }

    [Fact]
    public void LockedName_IsNeverWritten_EvenWhenFuller()
    {
        var outcome = MergePolicy.Merge(new PersonValues("J. Smith"), new PersonValues("John Smith"), f => f == "full_name", Context(MatchEvidence.Exact));

        outcome.Changes.ShouldBeEmpty();
        outcome.Locked.ShouldBe(["full_name"]);
    }

    [Theory]
    [InlineData("email")]
    [InlineData("full_name")]
    [InlineData("title")]
    public void RuleSwitchedOff_KeepsThePresentValue(string field)
    {
        var rules = new MergeRules { WorkEmailReplacesPersonal = false, FullerNameReplaces = false, TitleReplacesOnExactEvidence = false };
        var present = new PersonValues("J. Smith", Email: "js@gmail.com", Title: "VP Finance");
        var incoming = new PersonValues("John Smith", Email: "john.smith@acme.com", Title: "CFO");

        var outcome = MergePolicy.Merge(present, incoming, _ => false, Context(MatchEvidence.Exact, rules));

        outcome.Changes.ShouldBeEmpty();
        outcome.Conflicts.Single(c => c.Field == field).Reason.ShouldBe(ConflictReasons.RuleOff);
    }

    [Fact]
    public void ManyFields_EachDecidedByItsOwnRule()
    {
        var outcome = MergePolicy.Merge(
            new PersonValues("Pia Khan", "Pia", "Khan", "Controller", "pia@gmail.com", null, null),
            new PersonValues("Pia Khan", "Pia", "Khan", "CFO", "pia.khan@acme.com", "+15551234567", "https://www.linkedin.com/in/pia"),
            f => f == "title",
            Context(MatchEvidence.Exact));

        outcome.Changes.Select(c => c.Field).ShouldBe(["email", "phone", "linkedin_url"]);
        outcome.Locked.ShouldBe(["title"]);
        outcome.Conflicts.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(MatchReasons.LinkedIn, MatchKind.Perfect, MatchEvidence.Exact)]
    [InlineData(MatchReasons.Email, MatchKind.Perfect, MatchEvidence.Exact)]
    [InlineData(MatchReasons.EmailDomainAndName, MatchKind.Perfect, MatchEvidence.Fuzzy)]
    [InlineData(MatchReasons.Name, MatchKind.Fuzzy, MatchEvidence.Fuzzy)]
    public void Evidence_IsExactOnlyForLinkedInAndEmail(string reason, MatchKind kind, MatchEvidence expected) =>
        MergeContext.EvidenceOf(new MatchDecision(kind, "P", 1.0, [new MatchCandidate("P", 1.0, reason)])).ShouldBe(expected);

    private static void Check(MergeOutcome outcome, string field, string? present, string offered, Expect expect)
    {
        switch (expect)
        {
            case Expect.Take:
                outcome.Changes.ShouldContain(new FieldChange(field, present, offered));
                outcome.Result.Get(field).ShouldBe(offered);
                outcome.Conflicts.ShouldBeEmpty();
                break;
            case Expect.Keep:
                outcome.Changes.ShouldBeEmpty();
                outcome.Result.Get(field).ShouldBe(present);
                outcome.Conflicts.ShouldHaveSingleItem().ShouldBe(outcome.Conflicts[0] with { Field = field, Kept = present, Offered = offered });
                break;
            case Expect.Locked:
                outcome.Changes.ShouldBeEmpty();
                outcome.Result.Get(field).ShouldBe(present);
                outcome.Locked.ShouldBe([field]);
                break;
            default:
                outcome.Changes.ShouldBeEmpty();
                outcome.Conflicts.ShouldBeEmpty();
                outcome.Locked.ShouldBeEmpty();
                break;
        }
    }
}
