using Portal.Domain.Slots;
using Shouldly;

namespace Portal.Domain.Tests.Slots;

public sealed class SlotRulesTests
{
    [Fact]
    public void Decide_FillsTheSlot_WithTheBestCandidate_AndResetsAttempts()
    {
        var outcome = SlotRules.Decide(new SlotFacts(SlotStatus.Open, 1, null, "P-7", CandidateCount: 2, FinishedRounds: 1));

        outcome.ShouldBe(new SlotOutcome(SlotStatus.Filled, 0, "P-7", null));
        outcome.IsFilled.ShouldBeTrue();
    }

    [Fact]
    public void Decide_OpensANewSlot_AndRequestsTheFirstEnrichmentRound() =>
        SlotRules.Decide(new SlotFacts(null, 0, null, null, 0, 0)).ShouldBe(new SlotOutcome(SlotStatus.Open, 0, null, 1));

    [Fact]
    public void Decide_CountsFinishedRounds_NotEvaluations()
    {
        var first = SlotRules.Decide(new SlotFacts(null, 0, null, null, 0, FinishedRounds: 0));
        var again = SlotRules.Decide(new SlotFacts(first.Status, first.Attempts, null, null, 0, FinishedRounds: 0));
        var afterOneRound = SlotRules.Decide(new SlotFacts(again.Status, again.Attempts, null, null, 0, FinishedRounds: 1));

        again.ShouldBe(first);
        SlotRules.Changes(new SlotFacts(first.Status, first.Attempts, null, null, 0, 0), again).ShouldBeFalse();
        afterOneRound.ShouldBe(new SlotOutcome(SlotStatus.Open, 1, null, 2));
    }

    [Fact]
    public void Decide_ClosesSlot_WhenSecondEnrichmentRoundFindsNobody() =>
        SlotRules.Decide(new SlotFacts(SlotStatus.Open, 1, null, null, 0, FinishedRounds: 2))
            .ShouldBe(new SlotOutcome(SlotStatus.ClosedMissing, 2, null, null));

    [Fact]
    public void Decide_HonoursAConfiguredMaximum()
    {
        SlotRules.Decide(new SlotFacts(SlotStatus.Open, 2, null, null, 0, 2), maxAttempts: 3).ShouldBe(new SlotOutcome(SlotStatus.Open, 2, null, 3));
        SlotRules.Decide(new SlotFacts(SlotStatus.Open, 2, null, null, 0, 3), maxAttempts: 3).Status.ShouldBe(SlotStatus.ClosedMissing);
        Should.Throw<ArgumentOutOfRangeException>(() => SlotRules.Decide(default, maxAttempts: 0));
    }

    [Fact]
    public void Decide_ReopensAClosedSlot_AsFilled_WhenSomeoneAppears() =>
        SlotRules.Decide(new SlotFacts(SlotStatus.ClosedMissing, 2, null, "P-1", 1, 2)).ShouldBe(new SlotOutcome(SlotStatus.Filled, 0, "P-1", null));

    [Fact]
    public void Decide_EmptiesAFilledSlot_WhenItsPersonLeft() =>
        SlotRules.Decide(new SlotFacts(SlotStatus.Filled, 0, "P-1", null, 0, 0)).ShouldBe(new SlotOutcome(SlotStatus.Open, 0, null, 1));

    [Fact]
    public void Changes_DetectsADifferentPerson() =>
        SlotRules.Changes(new SlotFacts(SlotStatus.Filled, 0, "P-1", "P-2", 2, 0), new SlotOutcome(SlotStatus.Filled, 0, "P-2", null)).ShouldBeTrue();
}
