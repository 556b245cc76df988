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

        // A trunk "(0)" after the country code is not dialled from abroad
        { "+44 (0)20 7946 0000", "+442079460000" },
        { "+44 (0) 20 7946 0000", "+442079460000" },
        { "+49 (0)30 1234567", "+49301234567" },
        { "0044 (0)20 7946 0000", "+442079460000" },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public void Phone_IsE164(string raw, string expected) =>
        Normalizer.Phone(raw).ShouldBe(new NormalizedPhone(expected, null, null), $"phone: \"{raw}\"");

    [Theory]
    [InlineData("555-123-4567 x89", "89")]
    [InlineData("555-123-4567x89", "89")]
    [InlineData("555-123-4567 x 89", "89")]
    [InlineData("555-123-4567 ext. 89", "89")]
    [InlineData("555-123-4567 Ext 89", "89")]
    [InlineData("555-123-4567 ext:89", "89")]
    [InlineData("555-123-4567 extension 89", "89")]
    [InlineData("555-123-4567 #89", "89")]
    [InlineData("(555) 123-4567, ext. 1234 (reception)", "1234")]
    public void Phone_KeepsAnExtensionApart_WithoutAWarning(string raw, string extension) =>
        Normalizer.Phone(raw).ShouldBe(new NormalizedPhone("+15551234567", extension, null), $"phone: \"{raw}\"");

    [Fact]
    public void Phone_ReadsAnInternationalNumberWithTrunkZeroAndExtension() =>
        Normalizer.Phone("+44 (0)20 7946 0000 ext. 12").ShouldBe(new NormalizedPhone("+442079460000", "12", null));

    [Theory]
    [InlineData("123-4567")]
    [InlineData("12345")]
    [InlineData("12345678901234567")]
    [InlineData("+1 555 123 4567 / +1 555 987 6543")]
    [InlineData("abc")]
    [InlineData("n/a")]
    [InlineData("+")]
    [InlineData("555-1234 x89")]
    public void Phone_WithTheWrongNumberOfDigits_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.Phone(raw);

        result.Value.ShouldBeNull();
        result.Extension.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Phone_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Phone(raw).ShouldBe(new NormalizedPhone(null, null, null));
}
