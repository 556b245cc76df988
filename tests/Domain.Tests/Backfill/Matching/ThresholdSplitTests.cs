using Portal.Domain.Backfill.Matching;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Matching;

public sealed class ThresholdSplitTests
{
    private static readonly RowEvidence[] LastImport =
    [
        new("perfect", 1.0, "perfect", 1.0, 10),   // exact rules: always a match
        new("perfect", 1.0, "fuzzy", 0.92, 5),     // person auto-matched at 0.92
        new("perfect", 1.0, "review", 0.85, 4),    // person in review at 0.85
        new("perfect", 1.0, "no_match", 0.70, 3),  // person new at 0.70
        new("review", 0.80, null, null, 2),        // company in review at 0.80: person never scored
        new("no_match", 0.50, "no_match", 0.0, 6), // new company
        new("perfect", 1.0, "review", 0.95, 1, Tie: true), // two candidates tied at 0.95
    ];

    [Fact]
    public void DefaultThresholds_ReproduceTheRecordedDecisions() =>
        ThresholdSplit.Classify(LastImport, MatchingThresholds.Default).ShouldBe(new SplitCounts(15, 7, 9, 0));

    [Fact]
    public void LoweringThePersonAutoMatch_MovesReviewRowsToMatches()
    {
        var split = ThresholdSplit.Classify(LastImport, MatchingThresholds.Default with { PersonAutoMatch = 0.80 });

        split.ShouldBe(new SplitCounts(19, 3, 9, 0));
    }

    [Fact]
    public void RaisingThePersonReviewThreshold_SendsReviewRowsToNew() =>
        ThresholdSplit.Classify(LastImport, MatchingThresholds.Default with { PersonReview = 0.86 }).ShouldBe(new SplitCounts(15, 3, 13, 0));

    [Fact]
    public void ACompanyThatWouldNowMatch_NeedsMatchingAgain_ForItsPerson()
    {
        var split = ThresholdSplit.Classify(LastImport, MatchingThresholds.Default with { CompanyAutoMatch = 0.80 });

        split.NeedsRematch.ShouldBe(2);
        split.Total.ShouldBe(LastImport.Sum(r => r.Rows));
    }
}
