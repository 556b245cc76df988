using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class DomainTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    public static readonly TheoryData<string, string> Domains = new()
    {
        { "https://www.Acme.com/about", "acme.com" },
        { "acme.com", "acme.com" },
        { "ACME.COM", "acme.com" },
        { "  Acme.com  ", "acme.com" },
        { "http://acme.com", "acme.com" },
        { "www.acme.com", "acme.com" },
        { "WWW.ACME.COM/", "acme.com" },
        { "acme.com/", "acme.com" },
        { "https://acme.com:8443/path/page.html?q=1#top", "acme.com" },
        { "https://user:secret@acme.com/", "acme.com" },
        { "acme.com?ref=crm", "acme.com" },
        { "acme.com.", "acme.com" },
        { "//acme.com", "acme.com" },
        { "sub.acme.co.uk", "sub.acme.co.uk" },
        { "https://careers.acme-widgets.io/jobs", "careers.acme-widgets.io" },
        { "münchen.de", "xn--mnchen-3ya.de" },
    };

    [Theory]
    [MemberData(nameof(Domains))]
    public void Domain_IsTheBareLowerCaseHost_FromTheDomainOrTheWebsite(string raw, string expected)
    {
        Normalizer.Domain(raw, null, null).ShouldBe(new NormalizedValue<string>(expected, null), $"domain: \"{raw}\"");
        Normalizer.Domain(null, raw, null).ShouldBe(new NormalizedValue<string>(expected, null), $"website: \"{raw}\"");
    }

    [Theory]
    [InlineData("acme")]
    [InlineData("not a domain")]
    [InlineData("acme..com")]
    [InlineData("-acme.com")]
    [InlineData("acme_widgets.com")]
    [InlineData("192.168.0.1")]
    [InlineData("https://")]
    [InlineData("n/a")]
    [InlineData("gmail.com")]
    [InlineData("https://www.yahoo.co.uk")]
    public void Domain_ThatIsNotACompanyDomain_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.Domain(raw, null, null);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }

    [Fact]
    public void Domain_FallsBackToTheWebsite_ThenToTheWorkEmail()
    {
        Normalizer.Domain(null, "https://www.acme.com/about", "x@other.com").Value.ShouldBe("acme.com");
        Normalizer.Domain("", "  ", "John.Smith@Acme.com").Value.ShouldBe("acme.com");
        Normalizer.Domain(null, null, "jsmith@gmail.com; John.Smith@Acme.com").Value.ShouldBe("acme.com");
        Normalizer.Domain("acme.com", "other.com", "x@third.com").Value.ShouldBe("acme.com");
    }

    [Fact]
    public void Domain_IsNeverTakenFromAPersonalEmail()
    {
        var result = Normalizer.Domain(null, null, "jsmith@gmail.com");

        result.Value.ShouldBeNull();
        result.Warning.ShouldBeNull();
    }

    [Fact]
    public void Domain_WithAnInvalidDomainCell_FallsBackAndSaysSo()
    {
        var result = Normalizer.Domain("not a domain", "acme.com", null);

        result.Value.ShouldBe("acme.com");
        result.Warning.ShouldNotBeNull().ShouldContain("not a domain");
    }

    [Fact]
    public void Domain_WithNothingGiven_IsNullWithoutAWarning() =>
        Normalizer.Domain(null, " ", "\t").ShouldBe(new NormalizedValue<string>(null, null));
}
