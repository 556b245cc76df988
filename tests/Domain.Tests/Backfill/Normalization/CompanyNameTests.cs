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
        { "Procter & Gamble Co", "Procter and Gamble" },
        { "J.P. Morgan Chase & Co.", "JP Morgan Chase" },

        // Spaces, punctuation and quotes
        { "  acme    widgets   inc  ", "Acme Widgets" },
        { "\"Acme, Inc.\"", "Acme" },
        { "Acme.", "Acme" },
        { "- Acme -", "Acme" },

        // Casing: minor words, mixed case kept, acronyms, short all-caps words in a mixed-case cell
        { "bank of america corp", "Bank of America" },
        { "BANK OF AMERICA CORPORATION", "Bank of America" },
        { "the home depot, inc.", "Home Depot" },
        { "eBay Inc.", "eBay" },
        { "O'Reilly Media, Inc.", "OReilly Media" },
        { "o'reilly media", "OReilly Media" },
        { "macy's inc", "Macys" },
        { "Booking.com", "Booking Com" },
        { "IBM Corp", "IBM" },
        { "ACME Corp", "ACME" },
        { "KPMG Consulting LLP", "KPMG Consulting" },
        { "NASA Federal Credit Union", "NASA Federal Credit Union" },
        { "acme us inc", "Acme US" },
        { "AT&T Inc.", "AT&T" },
        { "AT&T INC.", "AT&T" },
        { "3M Company", "3M" },
        { "Müller GmbH", "Muller" },
        { "MÜLLER GMBH", "Muller" },

        // Nothing but a suffix: kept rather than emptied
        { "Group", "Group" },
        { "The Company", "Company" },
        { "The", "The" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void CompanyName_RemovesSuffixesAndPunctuation_AndTitleCases(string raw, string expected)
    {
        var result = Normalizer.CompanyName(raw);

        result.Value.ShouldBe(expected, $"company: \"{raw}\"");
        result.Warning.ShouldBeNull();
    }

    [Theory]
    // The issue's own pair
    [InlineData("The Acme Company & Sons, Inc.", "Acme Company and Sons")]
    // "The" leading or trailing
    [InlineData("The Acme Group", "Acme")]
    [InlineData("Acme Widgets (The)", "Acme Widgets")]
    [InlineData("Acme Widgets, The", "Acme Widgets")]
    [InlineData("Acme, The Company", "Acme")]
    [InlineData("ACME WIDGETS INC., THE", "Acme Widgets")]
    // "&" and "and"
    [InlineData("Smith & Jones", "Smith and Jones")]
    [InlineData("Smith&Jones LLP", "Smith and Jones")]
    [InlineData("Johnson & Johnson", "Johnson and Johnson")]
    // Accents
    [InlineData("Müller GmbH", "Muller")]
    [InlineData("Société Générale S.A.", "Societe Generale")]
    [InlineData("Nestlé", "Nestle")]
    [InlineData("Straße Bau AG", "Strasse Bau")]
    [InlineData("Ørsted A/S", "Orsted")]
    // Apostrophes
    [InlineData("McDonald's Corporation", "McDonalds")]
    [InlineData("Macy’s, Inc.", "Macys")]
    // Stacked legal forms, with punctuation around them
    [InlineData("Acme Holdings Co., Ltd.", "Acme Holdings")]
    [InlineData("Acme Holdings Pty. Ltd.", "Acme Holdings")]
    [InlineData("Acme Holdings (Pty) Ltd", "Acme Holdings")]
    [InlineData("Acme Holdings S.A.", "Acme Holdings")]
    [InlineData("Acme Holdings, L.L.C.", "Acme Holdings")]
    [InlineData("Acme Holdings Group Inc.", "Acme Holdings")]
    [InlineData("Acme Holdings GmbH & Co. KG", "Acme Holdings")]
    // Other punctuation separates words
    [InlineData("Acme-Widgets", "Acme Widgets")]
    [InlineData("Acme / Widgets", "Acme Widgets")]
    [InlineData("Yahoo!", "Yahoo")]
    [InlineData("AT&T Inc.", "AT&T")]
    [InlineData("U.S. Bancorp", "US Bancorp")]
    public void CompanyName_WritesTheSameNameOneWay(string raw, string expected)
    {
        var result = Normalizer.CompanyName(raw);

        result.Value.ShouldBe(expected, $"company: \"{raw}\"");
        result.Warning.ShouldBeNull();
    }

    [Theory]
    [InlineData("The Acme Company & Sons, Inc.", "Acme Company and Sons")]
    [InlineData("Acme Company (The)", "The Acme Company")]
    [InlineData("Müller Bau GmbH", "Muller Bau")]
    [InlineData("Société Générale", "SOCIETE GENERALE SA")]
    [InlineData("McDonald's", "McDonalds")]
    [InlineData("O'Reilly Media", "o'reilly media, inc.")]
    [InlineData("Acme Holdings Co., Ltd.", "Acme Holdings")]
    [InlineData("Acme Holdings Pty Ltd", "Acme Holdings, Inc.")]
    [InlineData("Procter & Gamble", "Procter and Gamble Company")]
    [InlineData("J.P. Morgan", "JP Morgan")]
    public void CompanyName_OfTwoSpellingsOfOneCompany_IsTheSame(string one, string other) =>
        Normalizer.CompanyName(one).Value.ShouldBe(Normalizer.CompanyName(other).Value);

    [Theory]
    [InlineData("Contoso Painters", "Contoso Partners")]
    [InlineData("Acme Holdings", "Acme Widgets")]
    [InlineData("Smith and Jones", "Smith Jones")]
    [InlineData("Acme Bank", "Acme Bank of Texas")]
    [InlineData("The Home Depot", "Home Depot Supply")]
    public void CompanyName_OfDifferentCompanies_StaysDifferent(string one, string other) =>
        Normalizer.CompanyName(one).Value!.ToUpperInvariant().ShouldNotBe(Normalizer.CompanyName(other).Value!.ToUpperInvariant());

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
