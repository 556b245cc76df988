using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class TitleTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    public static readonly TheoryData<string, string> Titles = new()
    {
        { "v.p. of hr operations", "VP of HR Operations" },

        // Not standardised in the source: order is kept, casing and abbreviations fixed
        { "VP HR", "VP HR" },
        { "vp hr", "VP HR" },
        { "HR VP", "HR VP" },
        { "hr vp", "HR VP" },
        { "HR Lead", "HR Lead" },
        { "hr lead", "HR Lead" },
        { "HR LEAD", "HR Lead" },
        { "H.R. Manager", "HR Manager" },

        // VP spellings
        { "V.P. Sales", "VP Sales" },
        { "V.P Sales", "VP Sales" },
        { "VP of Sales", "VP of Sales" },
        { "vice president, sales", "VP, Sales" },
        { "Vice President of Human Resources", "VP of HR" },
        { "VICE-PRESIDENT OF MARKETING", "VP of Marketing" },
        { "senior vice president of engineering", "SVP of Engineering" },
        { "Executive Vice President", "EVP" },
        { "s.v.p. finance", "SVP Finance" },

        // C-level spellings
        { "Chief Executive Officer", "CEO" },
        { "chief executive officer", "CEO" },
        { "C.E.O.", "CEO" },
        { "c.e.o", "CEO" },
        { "CHIEF FINANCIAL OFFICER", "CFO" },
        { "Acting C.F.O.", "Acting CFO" },
        { "Chief Human Resources Officer", "CHRO" },
        { "President & C.E.O.", "President & CEO" },

        // Abbreviated words inside a longer abbreviation
        { "Chief Exec. Officer", "CEO" },
        { "chief exec officer", "CEO" },
        { "Chf. Financial Officer", "CFO" },
        { "V.P. HR", "VP HR" },
        { "Sr. V.P. of People", "SVP of People" },
        { "Sr. Vice President of People", "SVP of People" },
        { "Exec. VP, Sales", "EVP, Sales" },
        { "Asst. VP", "AVP" },
        { "Dir. of H.R.", "Director of HR" },
        { "Exec. Assistant to the C.E.O.", "Executive Assistant to the CEO" },
        { "CEO's Office Manager", "CEO's Office Manager" },
        { "Vice President of Sales", "VP of Sales" },
        { "VP, Sales & Marketing", "VP, Sales & Marketing" },

        // Director and other abbreviations
        { "Dir. of Finance", "Director of Finance" },
        { "dir of marketing", "Director of Marketing" },
        { "Sr. Director, IT", "Senior Director, IT" },
        { "sr director it", "Senior Director IT" },
        { "Sales Mgr", "Sales Manager" },
        { "Asst. to the CEO", "Assistant to the CEO" },

        // Casing, spacing, punctuation
        { "Co-Founder & CEO", "Co-Founder & CEO" },
        { "founder/ceo", "Founder/CEO" },
        { "director   of    it", "Director of IT" },
        { "head of people & culture", "Head of People & Culture" },
        { "SVP, EMEA Sales", "SVP, EMEA Sales" },
        { "VP Sales , North America", "VP Sales, North America" },
        { "vp r&d", "VP R&D" },
        { "Head of GTM", "Head of GTM" },
        { "Director (EMEA)", "Director (EMEA)" },
        { "Of Counsel", "Of Counsel" },
        { "  ,VP Sales;  ", "VP Sales" },
        { "Head of RevOps", "Head of RevOps" },
        { "DIRECTOR OF OPERATIONS", "Director of Operations" },
        { "DIR. OF HR OPS", "Director of HR Ops" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void Title_StandardizesAbbreviationsAndCasing(string raw, string expected) =>
        Normalizer.Title(raw).ShouldBe(new NormalizedValue<string>(expected, null), $"title: \"{raw}\"");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Title_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Title(raw).ShouldBe(new NormalizedValue<string>(null, null));

    [Fact]
    public void Title_WithoutLetters_IsNullWithAWarning()
    {
        var result = Normalizer.Title(" -- / -- ");

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }
}
