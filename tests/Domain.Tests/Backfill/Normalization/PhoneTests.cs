using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class PhoneTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    public static readonly TheoryData<string, string> Phones = new()
    {
        { "(555) 123-4567", "+15551234567" },
        { "555.123.4567", "+15551234567" },
        { "555-123-4567", "+15551234567" },
        { "5551234567", "+15551234567" },
        { "  555 123 4567  ", "+15551234567" },
        { "1-555-123-4567", "+15551234567" },
        { "1 (555) 123-4567", "+15551234567" },
        { "+1 (555) 123-4567", "+15551234567" },
        { "+15551234567", "+15551234567" },
        { "+44 20 7946 0958", "+442079460958" },
        { "0044 20 7946 0958", "+442079460958" },
        { "55512345678", "+55512345678" },
        { "555 123 4567 (mobile)", "+15551234567" },
        { "fax 555 123 4567", "+15551234567" },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public void Phone_IsE164(string raw, string expected) =>
        Normalizer.Phone(raw).ShouldBe(new NormalizedValue<string>(expected, null), $"phone: \"{raw}\"");

    [Theory]
    [InlineData("555-123-4567 x89")]
    [InlineData("555-123-4567 ext. 89")]
    [InlineData("555-123-4567 Ext 89")]
    [InlineData("555-123-4567 extension 89")]
    [InlineData("555-123-4567 #89")]
    public void Phone_DropsAnExtension_WithAWarning(string raw)
    {
        var result = Normalizer.Phone(raw);

        result.Value.ShouldBe("+15551234567");
        result.Warning.ShouldNotBeNull().ShouldContain("extension");
    }

    [Theory]
    [InlineData("123-4567")]
    [InlineData("12345")]
    [InlineData("12345678901234567")]
    [InlineData("+1 555 123 4567 / +1 555 987 6543")]
    [InlineData("abc")]
    [InlineData("n/a")]
    [InlineData("+")]
    public void Phone_WithTheWrongNumberOfDigits_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.Phone(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Phone_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Phone(raw).ShouldBe(new NormalizedValue<string>(null, null));
}
