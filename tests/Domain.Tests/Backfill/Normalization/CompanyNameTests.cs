using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class CompanyNameTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    public static readonly TheoryData<string, string> Names = new()
    {
        // Suffix variants, with and without punctuation
        { "ACME CORPORATION, INC.", "Acme" },
        { "Acme Inc", "Acme" },
        { "Acme, Inc.", "Acme" },
        { "acme inc.", "Acme" },
        { "Acme Incorporated", "Acme" },
        { "Acme LLC", "Acme" },
        { "Acme, L.L.C.", "Acme" },
        { "ACME LLC", "Acme" },
        { "Acme Ltd.", "Acme" },
        { "Acme Limited", "Acme" },
        { "Acme Corp", "Acme" },
        { "Acme Corporation", "Acme" },
        { "Acme Co.", "Acme" },
        { "Acme Company", "Acme" },
        { "Acme Group", "Acme" },
        { "acme group", "Acme" },
        { "Acme GmbH", "Acme" },
        { "Acme PLC", "Acme" },
        { "Acme Co., Ltd.", "Acme" },
        { "Acme Widgets Group, LLC", "Acme Widgets" },
        { "Acme Inc Inc", "Acme" },
        { "Acme Holdings Group", "Acme Holdings" },
        { "Ford Motor Company", "Ford Motor" },

        // A connector left dangling by the suffix goes too; one inside the name stays
        { "Smith & Co.", "Smith" },
        { "Smith and Company", "Smith" },
        { "McKinsey & Company", "McKinsey" },
        { "Procter & Gamble Co", "Procter & Gamble" },
        { "J.P. Morgan Chase & Co.", "J.P. Morgan Chase" },

        // Spaces, punctuation and quotes
        { "  acme    widgets   inc  ", "Acme Widgets" },
        { "\"Acme, Inc.\"", "Acme" },
        { "Acme.", "Acme" },
        { "- Acme -", "Acme" },

        // Casing: minor words, mixed case kept, acronyms, short all-caps words in a mixed-case cell
        { "bank of america corp", "Bank of America" },
        { "BANK OF AMERICA CORPORATION", "Bank of America" },
        { "the home depot, inc.", "The Home Depot" },
        { "eBay Inc.", "eBay" },
        { "O'Reilly Media, Inc.", "O'Reilly Media" },
        { "o'reilly media", "O'Reilly Media" },
        { "macy's inc", "Macy's" },
        { "Booking.com", "Booking.com" },
        { "IBM Corp", "IBM" },
        { "ACME Corp", "ACME" },
        { "KPMG Consulting LLP", "KPMG Consulting" },
        { "NASA Federal Credit Union", "NASA Federal Credit Union" },
        { "acme us inc", "Acme US" },
        { "AT&T Inc.", "AT&T" },
        { "AT&T INC.", "AT&T" },
        { "3M Company", "3M" },
        { "Müller GmbH", "Müller" },
        { "MÜLLER GMBH", "Müller" },

        // Nothing but a suffix: kept rather than emptied
        { "Group", "Group" },
        { "The Company", "The Company" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void CompanyName_RemovesSuffixesAndTitleCases(string raw, string expected)
    {
        var result = Normalizer.CompanyName(raw);

        result.Value.ShouldBe(expected, $"company: \"{raw}\"");
        result.Warning.ShouldBeNull();
    }

    [Fact]
    public void CompanyName_InAnAllCapsCell_KeepsOnlyConfiguredAcronymsUpperCase()
    {
        // Capitals carry no information in a shouted cell, so "IBM" cannot be told from "ACME" there.
        Normalizer.CompanyName("IBM CORP").Value.ShouldBe("Ibm");
        Normalizer.CompanyName("ACME US CORP").Value.ShouldBe("Acme US");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t \r\n")]
    public void CompanyName_WhenBlank_IsNullWithAWarning(string? raw)
    {
        var result = Normalizer.CompanyName(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("---")]
    [InlineData("\"\"")]
    [InlineData("...")]
    public void CompanyName_WithoutLettersOrDigits_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.CompanyName(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }
}
