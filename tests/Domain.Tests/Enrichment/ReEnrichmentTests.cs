using Portal.Domain.Enrichment;
using Shouldly;

namespace Portal.Domain.Tests.Enrichment;

public sealed class ReEnrichmentTests
{
    [Fact]
    public void Estimate_PacesCallsAtTheProvidersRate_PlusThePausesBetweenBatches()
    {
        // Seed 004: 116 jobs; here one call per item at 60 calls/min, batches of 10 with 2 s between them.
        var estimate = ReEnrichmentEstimate.Of(116, 10, 2000, 60);

        estimate.ProviderCalls.ShouldBe(116);
        estimate.Batches.ShouldBe(12);
        estimate.Duration.ShouldBe(TimeSpan.FromSeconds(116 + (11 * 2)));
        ReEnrichmentEstimate.Of(0, 10, 2000, 60).Duration.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Criteria_AreValidated()
    {
        new ReEnrichmentCriteria().Validate().ShouldBeEmpty();
        new ReEnrichmentCriteria { Selection = "everything", SlotType = "CTO", BatchSize = 0, DelayMs = -1, StaleDays = 0 }.Validate().Count.ShouldBe(5);
    }

    [Fact]
    public void Health_IsCritical_OnTheSeedsThresholds()
    {
        EnrichmentHealth.Evaluate(new(10, 0, 0, 100, 2, false)).Status.ShouldBe(EnrichmentHealth.Healthy);
        EnrichmentHealth.Evaluate(new(1001, 0, 0, 100, 0, false)).Status.ShouldBe(EnrichmentHealth.Critical);
        var failing = EnrichmentHealth.Evaluate(new(10, 0, 0, 100, 21, false));
        (failing.Status, failing.FailureRate).ShouldBe((EnrichmentHealth.Critical, 21.0));
        EnrichmentHealth.Evaluate(new(10, 1, 1, 0, 0, false)).Status.ShouldBe(EnrichmentHealth.Warning);
        EnrichmentHealth.Evaluate(new(0, 0, 0, 0, 0, true)).Reasons.ShouldContain("provider circuit open");
    }
}
