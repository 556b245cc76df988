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
        // ISO 8601: date, date-time with Z, with an offset, without one (UTC)
        { "2024-03-05", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "2024-03-05T14:07:09Z", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024-03-05T14:07:09", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024-03-05T14:07:09.123+02:00", new DateTimeOffset(2024, 3, 5, 12, 7, 9, TimeSpan.Zero).AddMilliseconds(123) },
        { "2024-03-05T14:07:09-0500", new(2024, 3, 5, 19, 7, 9, TimeSpan.Zero) },
        { "2024-03-05T14:07Z", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "2024-03-05 14:07:09", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },
        { "2024-03-05 14:07:09+02", new(2024, 3, 5, 12, 7, 9, TimeSpan.Zero) },
        { "2024-03-05 14:07:09 UTC", new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero) },

        // Year first with slashes
        { "2024/03/05", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "2024/3/5", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },

        // US month first, four- and two-digit years, with a time
        { "3/5/2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "03/05/2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "3/5/2024 14:07", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "03/05/2024 2:07 PM", new(2024, 3, 5, 14, 7, 0, TimeSpan.Zero) },
        { "3/5/2024 2:07:09 AM", new(2024, 3, 5, 2, 7, 9, TimeSpan.Zero) },
        { "3/5/24", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "03-05-2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "12/31/99", new(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) },

        // A part above 12 settles the order
        { "13/04/2021", new(2021, 4, 13, 0, 0, 0, TimeSpan.Zero) },
        { "31/12/2021", new(2021, 12, 31, 0, 0, 0, TimeSpan.Zero) },
        { "04/13/2021", new(2021, 4, 13, 0, 0, 0, TimeSpan.Zero) },

        // Day first with dots
        { "4.3.2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "04.03.2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "04.03.2021 10:30", new(2021, 3, 4, 10, 30, 0, TimeSpan.Zero) },

        // Month names
        { "4-Mar-2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "04-MAR-2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "4-Mar-21", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "March 4, 2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "Mar 4, 2021", new(2021, 3, 4, 0, 0, 0, TimeSpan.Zero) },
        { "Mar 5, 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "5 Mar 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
        { "5 March 2024", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },

        // RFC 2822, with a numeric offset or a named zone
        { "Thu, 04 Mar 2021 10:00:00 +0000", new(2021, 3, 4, 10, 0, 0, TimeSpan.Zero) },
        { "Thu, 4 Mar 2021 10:00:00 +0100", new(2021, 3, 4, 9, 0, 0, TimeSpan.Zero) },
        { "Thu, 04 Mar 2021 10:00:00 GMT", new(2021, 3, 4, 10, 0, 0, TimeSpan.Zero) },
        { "Thu, 04 Mar 2021 10:00:00 UTC", new(2021, 3, 4, 10, 0, 0, TimeSpan.Zero) },
        { "Thu, 04 Mar 2021 10:00:00 EST", new(2021, 3, 4, 15, 0, 0, TimeSpan.Zero) },
        { "04 Mar 2021 10:00:00 +0000", new(2021, 3, 4, 10, 0, 0, TimeSpan.Zero) },

        // Unix epoch seconds and milliseconds
        { "1614852000", new(2021, 3, 4, 10, 0, 0, TimeSpan.Zero) },
        { "999999999", new(2001, 9, 9, 1, 46, 39, TimeSpan.Zero) },
        { "1614852000123", new DateTimeOffset(2021, 3, 4, 10, 0, 0, TimeSpan.Zero).AddMilliseconds(123) },
        { "999999999999", new DateTimeOffset(2001, 9, 9, 1, 46, 39, TimeSpan.Zero).AddMilliseconds(999) },

        { "  2024-03-05  ", new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Date_ReadsEveryCommonFormat_InUtc(string raw, DateTimeOffset expected)
    {
        var result = Normalizer.Date(raw);

        result.Warning.ShouldBeNull();
        result.Value.ShouldBe(expected);
        result.Value!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("03/04/2021", false, 3, 4)]
    [InlineData("03/04/2021", true, 4, 3)]
    [InlineData("3-4-21", true, 4, 3)]
    [InlineData("13/04/2021", false, 4, 13)]
    [InlineData("13/04/2021", true, 4, 13)]
    [InlineData("04/13/2021", true, 4, 13)]
    [InlineData("04/13/2021", false, 4, 13)]
    public void Date_AmbiguousSlashDates_FollowTheDayFirstSetting_UnlessAPartAbove12SettlesIt(string raw, bool dayFirst, int month, int day)
    {
        var normalizer = new RowNormalizer(NormalizationRules.Default with { DayFirstSlashDates = dayFirst });

        normalizer.Date(raw).ShouldBe(new NormalizedValue<DateTimeOffset?>(new DateTimeOffset(2021, month, day, 0, 0, 0, TimeSpan.Zero), null));
    }

    [Fact]
    public void Date_AnAddedFormat_IsReadBeforeTheBuiltInRules()
    {
        var normalizer = new RowNormalizer(NormalizationRules.Default with { DateFormats = [.. NormalizationRules.Default.DateFormats, "yyyyMMdd"] });

        normalizer.Date("20210304").Value.ShouldBe(new DateTimeOffset(2021, 3, 4, 0, 0, 0, TimeSpan.Zero));
        Normalizer.Date("20210304").Value.ShouldBeNull();
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
    [InlineData("31.02.2021")]
    [InlineData("2/30/2021")]
    [InlineData("Thu, 04 Mar 2021 10:00:00 XYZ")]
    [InlineData("12345678901")]
    [InlineData("12345678")]
    [InlineData("-1614852000")]
    [InlineData("N/A")]
    public void Date_Garbage_IsNullWithAWarningNamingTheValue(string raw)
    {
        var result = Normalizer.Date(raw);

        result.Value.ShouldBeNull();
        result.Warning.ShouldNotBeNull().ShouldContain(raw);
    }
}
