using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

public sealed class CountAndDateTests
{
    private static readonly RowNormalizer Normalizer = new(NormalizationRules.Default);

    [Theory]
    [InlineData("20", 20)]
    [InlineData(" 3 ", 3)]
    [InlineData("0", 0)]
    [InlineData("+7", 7)]
    [InlineData("1,234", 1234)]
    [InlineData("3.0", 3)]
    [InlineData("2147483647", int.MaxValue)]
    public void Count_ReadsNonNegativeWholeNumbers(string raw, int expected) =>
        Normalizer.Count(raw).ShouldBe(new NormalizedValue<int?>(expected, null));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Count_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Count(raw).ShouldBe(new NormalizedValue<int?>(null, null));

    [Theory]
    [InlineData("-1", "negative")]
    [InlineData("abc", "not a whole number")]
    [InlineData("2.5", "not a whole number")]
    [InlineData("1e3", "not a whole number")]
    [InlineData("twenty", "not a whole number")]
    [InlineData("99999999999", "not a whole number")]
    [InlineData("N/A", "not a whole number")]
    public void Count_NegativeOrNonNumeric_IsNullWithAWarning(string raw, string because)
    {
        var result = Normalizer.Count(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull().ShouldContain(because);
    }

    public static readonly TheoryData<string, DateTimeOffset> Dates = new()
    {
        { "2024-03-05", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "2024-03-05T14:07:09Z", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024-03-05T14:07:09", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024-03-05T14:07:09.123+02:00", new DateTimeOffset(2024, 3, 5, 12, 7, 9, TimeSpan.Zero).AddMilliseconds(123) },
        { "2024-03-05T14:07Z", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "2024-03-05 14:07:09", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024/03/05", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "3/5/2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "03/05/2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "3/5/2024 14:07", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "03/05/2024 2:07 PM", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "3/5/2024 2:07:09 AM", new(2024, 3, 5, 2, 7, 9, TimeSpan.Zero) },
        { "3/5/24", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "03-05-2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "Mar 5, 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "March 5, 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "5 Mar 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "  2024-03-05  ", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Date_ReadsIsoAndUsFormats_InUtc(string raw, DateTimeOffset expected)
    {
        var result = Normalizer.Date(raw);

        result.Warning.ShouldBeNull();
        result.Value.ShouldBe(expected);
        result.Value!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    public void Date_WhenBlank_IsNullWithoutAWarning(string? raw) =>
        Normalizer.Date(raw).ShouldBe(new NormalizedValue<DateTimeOffset?>(null, null));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-45")]
    [InlineData("0000-00-00")]
    [InlineData("13/13/2024")]
    [InlineData("N/A")]
    public void Date_Garbage_IsNullWithAWarning(string raw)
    {
        var result = Normalizer.Date(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull();
    }
}
