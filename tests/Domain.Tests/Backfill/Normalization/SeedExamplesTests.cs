using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

/// <summary>The examples of seed 001, "Normalization Rules", exactly as written there.</summary>
public sealed class SeedExamplesTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    [Fact]
    public void CompanyName_RemovesSuffixesAndTitleCases() =>
        Normalizer.CompanyName("ACME CORPORATION, INC.").ShouldBe(new NormalizedValue<string>("Acme", null));

    [Fact]
    public void Domain_StripsProtocolWwwAndPath() =>
        Normalizer.Domain("https://www.Acme.com/about", null, null).ShouldBe(new NormalizedValue<string>("acme.com", null));

    [Fact]
    public void PersonName_RemovesPrefixAndSuffixAndSplits()
    {
        var name = Normalizer.PersonName("Mr. JOHN SMITH, Jr.", null, null);

        name.FullName.ShouldBe("John Smith");
        name.FirstName.ShouldBe("John");
        name.LastName.ShouldBe("Smith");
        name.Warning.ShouldBeNull();
    }

    [Fact]
    public void Title_StandardizesAbbreviationsAndKeepsAcronyms() =>
        Normalizer.Title("v.p. of hr operations").ShouldBe(new NormalizedValue<string>("VP of HR Operations", null));

    [Fact]
    public void Email_PrefersTheWorkAddress()
    {
        var email = Normalizer.Email("John.Smith@acme.com; jsmith@gmail.com");

        email.Value.ShouldBe("john.smith@acme.com");
        email.IsPersonal.ShouldBeFalse();
        email.Alternates.ShouldBe(["jsmith@gmail.com"]);
        email.Warning.ShouldBeNull();
    }

    [Fact]
    public void Phone_AddsTheCountryCodeToTenDigits() =>
        Normalizer.Phone("(555) 123-4567").ShouldBe(new NormalizedPhone("+15551234567", null, null));
}
