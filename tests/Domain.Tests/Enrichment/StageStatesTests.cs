using Portal.Domain.Enrichment;
using Shouldly;

namespace Portal.Domain.Tests.Enrichment;

public sealed class StageStatesTests
{
    [Theory]
    [InlineData(StageStatus.Pending, StageStatus.InProgress, true)]
    [InlineData(StageStatus.Pending, StageStatus.Skipped, true)]
    [InlineData(StageStatus.InProgress, StageStatus.Completed, true)]
    [InlineData(StageStatus.InProgress, StageStatus.Failed, true)]
    [InlineData(StageStatus.Failed, StageStatus.InProgress, true)]
    [InlineData(StageStatus.Completed, StageStatus.Pending, true)]
    [InlineData(StageStatus.Pending, StageStatus.Completed, false)]
    [InlineData(StageStatus.Pending, StageStatus.Failed, false)]
    [InlineData(StageStatus.Completed, StageStatus.Failed, false)]
    [InlineData(StageStatus.Completed, StageStatus.InProgress, false)]
    [InlineData(StageStatus.Skipped, StageStatus.Completed, false)]
    public void CanMove_FollowsTheStateMachine(string from, string to, bool allowed) =>
        EnrichmentStages.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void AStage_CannotStart_BeforeTheOnesBeforeItCompleted()
    {
        var states = StageStates.New;

        Should.Throw<InvalidOperationException>(() => states.Move(EnrichmentStages.Validate, StageStatus.InProgress));
        var looked = states.Move(EnrichmentStages.Lookup, StageStatus.InProgress).Move(EnrichmentStages.Lookup, StageStatus.Completed);
        looked.Move(EnrichmentStages.Validate, StageStatus.InProgress).Validate.ShouldBe(StageStatus.InProgress);
        Should.Throw<InvalidOperationException>(() => looked.Move(EnrichmentStages.Apply, StageStatus.InProgress));
    }

    [Fact]
    public void SkipAfter_SkipsOnlyStagesThatHaveNotRun_AndResetStartsOver()
    {
        var failed = StageStates.New.Move(EnrichmentStages.Lookup, StageStatus.InProgress).Move(EnrichmentStages.Lookup, StageStatus.Completed).SkipAfter(EnrichmentStages.Lookup);

        failed.ShouldBe(new StageStates(StageStatus.Completed, StageStatus.Skipped, StageStatus.Skipped));
        failed.Reset().ShouldBe(StageStates.New);
    }
}
