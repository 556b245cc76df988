using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class EmailTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    /// <summary>Cell → preferred address, alternates (joined with a space), preferred is personal.</summary>
    public static readonly TheoryData<string, string, string, bool> Cells = new()
    {
        { "John.Smith@acme.com; jsmith@gmail.com", "john.smith@acme.com", "jsmith@gmail.com", false },
        { "jsmith@gmail.com; John.Smith@acme.com", "john.smith@acme.com", "jsmith@gmail.com", false },
        { "JOHN.SMITH@ACME.COM", "john.smith@acme.com", "", false },
        { "  john@acme.com  ", "john@acme.com", "", false },
        { "a@acme.com, b@acme.com | c@acme.com", "a@acme.com", "b@acme.com c@acme.com", false },
        { "a@acme.com a@ACME.com;a@acme.com", "a@acme.com", "", false },
        { "jsmith@hotmail.com,john@acme.com,j@yahoo.com", "john@acme.com", "jsmith@hotmail.com j@yahoo.com", false },
        { "John Smith <John.Smith@Acme.com>", "john.smith@acme.com", "", false },
        { "mailto:john@acme.com", "john@acme.com", "", false },
        { "\"john@acme.com\".", "john@acme.com", "", false },
        { "john+crm@acme-widgets.co.uk", "john+crm@acme-widgets.co.uk", "", false },
        { "john@münchen.de", "john@xn--mnchen-3ya.de", "", false },
        { "ceo@live.nation-events.com", "ceo@live.nation-events.com", "", false },

        // Personal only: kept, flagged
        { "jsmith@gmail.com", "jsmith@gmail.com", "", true },
        { "JSMITH@YAHOO.CO.UK", "jsmith@yahoo.co.uk", "", true },
        { "js@gmx.de; js@gmx.net", "js@gmx.de", "js@gmx.net", true },
        { "me@icloud.com", "me@icloud.com", "", true },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Email_SplitsValidatesAndPrefersWork(string raw, string preferred, string alternates, bool personal)
    {
        var email = Normalizer.Email(raw);

        email.Value.ShouldBe(preferred, $"email: \"{raw}\"");
        string.Join(' ', email.Alternates).ShouldBe(alternates);
        email.IsPersonal.ShouldBe(personal);
        email.Warning.ShouldBeNull();
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("john@acme")]
    [InlineData("john@@acme.com")]
    [InlineData("@acme.com")]
    [InlineData("john..smith@acme.com")]
    [InlineData(".john@acme.com")]
    [InlineData("josé@acme.com")]
    [InlineData("john@acme..com")]
    [InlineData("n/a")]
    [InlineData(";;;")]
    public void Email_WithoutAValidAddress_IsNullWithAWarning(string raw)
    {
        var email = Normalizer.Email(raw);

        email.Value.ShouldBeNull();
        email.Alternates.ShouldBeEmpty();
        email.Warning.ShouldNotBeNull();
    }

    [Fact]
    public void Email_KeepsTheValidAddresses_AndNamesTheInvalidOnes()
    {
        var email = Normalizer.Email("john@acme.com; garbage@; jsmith@gmail.com");

        email.Value.ShouldBe("john@acme.com");
        email.Alternates.ShouldBe(["jsmith@gmail.com"]);
        email.Warning.ShouldNotBeNull().ShouldContain("garbage@");
    }

    [Fact]
    public void Email_NamesOnlyTheFirstFewInvalidAddresses()
    {
        var email = Normalizer.Email(string.Join(';', Enumerable.Repeat("x@y", 50)));

        email.Value.ShouldBeNull();
        email.Warning.ShouldNotBeNull().ShouldContain("and 47 more invalid addresses");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Email_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Email(raw).ShouldBe(new NormalizedEmail(null, [], false, null), new NormalizedEmailComparer());

    private sealed class NormalizedEmailComparer : IEqualityComparer<NormalizedEmail>
    {
        public bool Equals(NormalizedEmail? x, NormalizedEmail? y) =>
            x is not null && y is not null && x.Value == y.Value && x.IsPersonal == y.IsPersonal && x.Warning == y.Warning
            && x.Alternates.SequenceEqual(y.Alternates);

        public int GetHashCode(NormalizedEmail obj) => obj.Value?.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
