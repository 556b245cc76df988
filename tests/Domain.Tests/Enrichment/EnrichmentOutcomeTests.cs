using Portal.Domain.Enrichment;
using Shouldly;

namespace Portal.Domain.Tests.Enrichment;

public sealed class EnrichmentOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly FoundPerson Ceo = new("Ann Able", "Ann", "Able", "Chief Executive Officer", "ann@alpha.test", "https://linkedin.com/in/ann");

    [Theory]
    [InlineData("timeout")]
    [InlineData("malformed_response")]
    [InlineData("rate_limited")]
    public void AFailure_NeverWritesADefaultResult(string errorClass)
    {
        var outcome = EnrichmentOutcome.Decide("CEO", 0, ProviderResult.Failure(errorClass, "boom"), Now, 0.5);

        outcome.AiConfidence.ShouldBeNull();
        outcome.AiLabel.ShouldBeNull();
        outcome.Person.ShouldBeNull();
        outcome.Applies.ShouldBeFalse();
        outcome.Status.ShouldBe(EnrichmentItemStatus.Failed);
        outcome.Stages.Lookup.ShouldBe(StageStatus.Failed);
        outcome.ErrorClass.ShouldBe(errorClass);
        outcome.RoutingStatus.ShouldBe("queued");
    }

    [Fact]
    public void Failures_BackOffAlongTheSchedule_ThenDeadLetterAfterTheFifthRetry()
    {
        var delays = new List<TimeSpan>();
        var retries = 0;
        EnrichmentOutcome outcome;
        while (true)
        {
            outcome = EnrichmentOutcome.Decide("CFO", retries, ProviderResult.Failure("server_error", "500"), Now, 0.5);
            if (outcome.DeadLettered)
            {
                break;
            }

            delays.Add(outcome.NextAttemptAt!.Value - Now);
            retries = outcome.RetryCount;
        }

        delays.ShouldBe(RetrySchedule.Delays);
        outcome.Status.ShouldBe(EnrichmentItemStatus.DeadLetter);
        outcome.RetryCount.ShouldBe(5);
        outcome.NextAttemptAt.ShouldBeNull();
        (outcome.RoutingStatus, outcome.RoutingResult).ShouldBe(("failed", "dead_letter"));
    }

    [Fact]
    public void AConfidentFind_ThatFillsTheSlot_CompletesEveryStage_AndApplies()
    {
        var outcome = EnrichmentOutcome.Decide("CEO", 2, ProviderResult.Found(Ceo, 0.91), Now, 0.5);

        outcome.Stages.ShouldBe(new StageStates(StageStatus.Completed, StageStatus.Completed, StageStatus.Completed));
        outcome.Applies.ShouldBeTrue();
        (outcome.AiLabel, outcome.AiConfidence, outcome.RetryCount).ShouldBe((EnrichmentLabels.Found, 0.91, 2));
        (outcome.RoutingStatus, outcome.RoutingResult).ShouldBe(("done", "found"));
    }

    [Fact]
    public void ALowConfidenceFind_IsKeptButNotApplied()
    {
        var outcome = EnrichmentOutcome.Decide("CEO", 0, ProviderResult.Found(Ceo, 0.69), Now, 0.5);

        outcome.Stages.ShouldBe(new StageStates(StageStatus.Completed, StageStatus.Skipped, StageStatus.Skipped));
        outcome.Applies.ShouldBeFalse();
        (outcome.AiLabel, outcome.AiConfidence).ShouldBe((EnrichmentLabels.LowConfidence, 0.69));
        outcome.Person.ShouldBe(Ceo);
    }

    [Fact]
    public void AFindWhoseTitleDoesNotFillTheSlot_IsRejected_AndNobodyFound_FinishesTheRound()
    {
        var wrongSlot = EnrichmentOutcome.Decide("HR", 0, ProviderResult.Found(Ceo, 0.95), Now, 0.5);
        var nobody = EnrichmentOutcome.Decide("HR", 0, ProviderResult.NotFound(0.8), Now, 0.5);

        wrongSlot.AiLabel.ShouldBe(EnrichmentLabels.Rejected);
        wrongSlot.Stages.ShouldBe(new StageStates(StageStatus.Completed, StageStatus.Completed, StageStatus.Skipped));
        wrongSlot.Applies.ShouldBeFalse();
        (nobody.AiLabel, nobody.AiConfidence, nobody.Status).ShouldBe((EnrichmentLabels.NotFound, 0.8, EnrichmentItemStatus.Completed));
        (nobody.RoutingStatus, nobody.RoutingResult).ShouldBe(("done", "not_found"));
    }
}
