using Portal.Domain.Backfill.Normalization;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Normalization;

/// <summary>
/// A 1 MB cell must not throw, whether it is rejected for its length or processed. (Speed is the benchmark's
/// business; quadratic work here would simply never finish.)
/// </summary>
public sealed class LargeInputTests
{
    private const int OneMegabyte = 1 << 20;

    // One long word, nothing but whitespace, many suffixes, many abbreviations, many separators, non-ASCII.
    private static readonly string[] Shapes =
    [
        new string('a', OneMegabyte),
        new string(' ', OneMegabyte),
        Repeat("Inc, "),
        Repeat("v.p. of hr "),
        Repeat("x@y;"),
        Repeat("é"),
    ];

    [Fact]
    public void EveryColumn_WithAOneMegabyteCell_IsRejectedWithAWarning()
    {
        var normalizer = new RowNormalizer(NormalizationRules.Default);
        var huge = Repeat("Acme Inc ");

        var row = normalizer.Row(new LegacyRow
        {
            CompanyName = huge,
            CompanyDomain = huge,
            CompanyWebsite = huge,
            FullName = huge,
            FirstName = huge,
            LastName = huge,
            Title = huge,
            Email = huge,
            Phone = huge,
            LinkedInUrl = huge,
            HistoricalOpenCount = huge,
            HistoricalReplyCount = huge,
            HistoricalMeetingCount = huge,
            LastEngagedAt = huge,
            Notes = huge,
        });

        row.CompanyName.ShouldBeNull();
        row.Title.ShouldBeNull();
        row.Email.ShouldBeNull();
        row.Notes.ShouldBe(huge.Trim());
        row.Warnings.Count.ShouldBeGreaterThanOrEqualTo(10);
        row.Warnings.ShouldAllBe(w => w.Length < 300);
        row.Warnings.ShouldContain(w => w.StartsWith("company_name:", StringComparison.Ordinal) && w.Contains("longer than", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMethod_GivenOneMegabyteCellsItMustProcess_ReturnsAResult()
    {
        // Lift the length limit so the algorithms themselves meet the huge input.
        var normalizer = new RowNormalizer(NormalizationRules.Default with { MaxCellLength = 4 * OneMegabyte });
        foreach (var cell in Shapes)
        {
            normalizer.CompanyName(cell).ShouldNotBeNull();
            normalizer.Domain(cell, cell, cell).ShouldNotBeNull();
            normalizer.PersonName(cell, cell, cell).ShouldNotBeNull();
            normalizer.Title(cell).ShouldNotBeNull();
            normalizer.Email(cell).ShouldNotBeNull();
            normalizer.LinkedInUrl(cell).ShouldNotBeNull();
            normalizer.Date(cell).ShouldNotBeNull();

            // None of the shapes is a phone number or a count.
            normalizer.Phone(cell).Value.ShouldBeNull();
            normalizer.Count(cell).Value.ShouldBeNull();
        }
    }

    [Fact]
    public void Warnings_QuoteOnlyAShortExcerptOfAHugeCell()
    {
        var normalizer = new RowNormalizer(NormalizationRules.Default with { MaxCellLength = 4 * OneMegabyte });

        var warning = normalizer.Count(new string('9', OneMegabyte)).Warning;

        warning.ShouldNotBeNull().Length.ShouldBeLessThan(100);
    }

    private static string Repeat(string unit) => string.Concat(Enumerable.Repeat(unit, OneMegabyte / unit.Length));
}
