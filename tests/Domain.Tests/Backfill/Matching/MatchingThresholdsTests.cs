using System.Text.Json;
using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class MatchingThresholdsTests
{
    [Fact]
    public void Default_HasTheSeedAutoMatchThresholds_AndLowerReviewThresholds() =>
        MatchingThresholds.Default.ShouldBe(new MatchingThresholds { CompanyAutoMatch = 0.90, CompanyReview = 0.75, PersonAutoMatch = 0.88, PersonReview = 0.75 });

    [Fact]
    public void Json_RoundTrips_AndMissingValuesKeepTheirDefaults()
    {
        var edited = new MatchingThresholds { PersonAutoMatch = 0.9, CompanyReview = 0.8 };

        JsonSerializer.Deserialize<MatchingThresholds>(JsonSerializer.Serialize(edited)).ShouldBe(edited);
        JsonSerializer.Deserialize<MatchingThresholds>("""{"PersonAutoMatch":0.93}""")
            .ShouldBe(MatchingThresholds.Default with { PersonAutoMatch = 0.93 });
    }

    [Theory]
    [InlineData(0.9, 0.95, 0.88, 0.75)]
    [InlineData(1.1, 0.75, 0.88, 0.75)]
    [InlineData(0.9, 0.75, 0.88, -0.1)]
    [InlineData(0.9, 0.75, double.NaN, 0.75)]
    public void Validate_RejectsReviewAboveAutoMatch_AndValuesOutsideZeroToOne(double companyAuto, double companyReview, double personAuto, double personReview)
    {
        var thresholds = new MatchingThresholds { CompanyAutoMatch = companyAuto, CompanyReview = companyReview, PersonAutoMatch = personAuto, PersonReview = personReview };

        Should.Throw<ArgumentOutOfRangeException>(() => thresholds.Validate());
        Should.Throw<ArgumentOutOfRangeException>(() => CompanyMatcher.Match(new CompanyRow("Acme", null), [], thresholds));
    }

    [Fact]
    public void Validate_RejectsATitleTieBreakOutsideZeroToOne() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new MatchingThresholds { TitleTieBreak = 1.5 }.Validate());

    [Fact]
    public void MatchDecision_SerializesTheSeedMatchTypes()
    {
        var json = JsonSerializer.Serialize(new MatchDecision(MatchKind.NoMatch, null, 0.5, [new MatchCandidate("C-1", 0.5, MatchReasons.Name)]));

        json.ShouldContain("\"Kind\":\"no_match\"");
        json.ShouldContain("\"Candidates\":[{\"Id\":\"C-1\",\"Score\":0.5,\"Reason\":\"name\",\"TitleScore\":null}]");
        json.ShouldNotContain("IsMatch");
        JsonSerializer.Serialize(MatchKind.Perfect).ShouldBe("\"perfect\"");
    }
}
