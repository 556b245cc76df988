using System.Text.Json;
using Portal.Domain.Backfill.Baselines;
using Shouldly;

namespace Portal.Domain.Tests.Backfill.Baselines;

public sealed class BitBaselineTests
{
    [Fact]
    public void Score_SeedExample_20Opens3Replies1Meeting_Is240_Hot()
    {
        var score = BitBaseline.Score(opens: 20, replies: 3, meetings: 1);

        score.ShouldBe(240);
        BitBaseline.Tier(score).ShouldBe("hot");
    }

    [Theory]
    [InlineData(240, "hot")]
    [InlineData(90, "warm")]
    [InlineData(150, "engaged")]
    [InlineData(0, "cold")]
    [InlineData(49, "cold")]
    [InlineData(50, "warm")]
    [InlineData(99, "warm")]
    [InlineData(100, "engaged")]
    [InlineData(199, "engaged")]
    [InlineData(200, "hot")]
    [InlineData(299, "hot")]
    [InlineData(300, "burning")]
    [InlineData(5000, "burning")]
    public void Tier_FollowsTheSeedRanges(int score, string tier) => BitBaseline.Tier(score).ShouldBe(tier);

    [Fact]
    public void Score_UsesTheConfiguredWeights() =>
        BitBaseline.Score(20, 3, 1, BitScoring.Default with { OpenPoints = 1, ReplyPoints = 10, MeetingPoints = 100 }).ShouldBe(150);

    [Fact]
    public void Tier_UsesTheConfiguredTiers()
    {
        var scoring = new BitScoring { Tiers = [new("low", 0), new("high", 100)] };

        BitBaseline.Tier(99, scoring).ShouldBe("low");
        BitBaseline.Tier(240, scoring).ShouldBe("high");
    }

    [Fact]
    public void Signals_AreOnePerNonZeroKind_Unscored_FromTheBackfillBaseline()
    {
        var signals = BitBaseline.Signals(opens: 20, replies: 0, meetings: 1);

        signals.ShouldBe([new BitBaselineSignal("historical_open", 20, 100), new BitBaselineSignal("historical_meeting", 1, 50)]);
        signals.ShouldAllBe(s => s.SourceType == "backfill_baseline" && !s.Scored);
        BitBaseline.Signals(0, 0, 0).ShouldBeEmpty();
    }

    [Fact]
    public void Compute_GivesScoreTierAndSignals()
    {
        var baseline = BitBaseline.Compute(20, 3, 1);

        baseline.Score.ShouldBe(240);
        baseline.Tier.ShouldBe("hot");
        baseline.Signals.Sum(s => s.Points).ShouldBe(240);
        baseline.Signals.Select(s => s.SignalType).ShouldBe(["historical_open", "historical_reply", "historical_meeting"]);
    }

    [Fact]
    public void Score_RejectsNegativeCounts_AndOverflow()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BitBaseline.Score(-1, 0, 0));
        Should.Throw<OverflowException>(() => BitBaseline.Score(int.MaxValue, 0, 0));
    }

    [Fact]
    public void Validate_RejectsTiersThatDoNotStartAtZeroOrDoNotAscend()
    {
        Should.Throw<ArgumentException>(() => new BitScoring { Tiers = [] }.Validate());
        Should.Throw<ArgumentException>(() => new BitScoring { Tiers = [new("warm", 50)] }.Validate());
        Should.Throw<ArgumentException>(() => new BitScoring { Tiers = [new("cold", 0), new("hot", 200), new("warm", 50)] }.Validate());
        Should.Throw<ArgumentException>(() => new BitScoring { Tiers = [new("cold", 0), new(" ", 50)] }.Validate());
        Should.Throw<ArgumentOutOfRangeException>(() => new BitScoring { ReplyPoints = -30 }.Validate());
    }

    [Fact]
    public void Json_RoundTripsTheConfiguration()
    {
        var scoring = new BitScoring { OpenPoints = 2, Tiers = [new("cold", 0), new("hot", 80)] };

        var copy = JsonSerializer.Deserialize<BitScoring>(JsonSerializer.Serialize(scoring)).ShouldNotBeNull();

        copy.OpenPoints.ShouldBe(2);
        copy.ReplyPoints.ShouldBe(30);
        copy.Tiers.ShouldBe(scoring.Tiers);
        BitBaseline.Tier(90, copy).ShouldBe("hot");
    }
}
