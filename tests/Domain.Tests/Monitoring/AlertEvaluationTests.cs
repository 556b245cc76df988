using Portal.Domain.Monitoring;
using Shouldly;

namespace Portal.Domain.Tests.Monitoring;

public sealed class AlertEvaluationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static AlertRule Completeness(int forMinutes = 0) => new()
    {
        Id = 1,
        Name = "Enrichment completeness",
        Metric = MetricCatalog.CompletenessRate,
        Comparison = AlertComparison.Below,
        WarningThreshold = 85,
        CriticalThreshold = 70,
        ForMinutes = forMinutes,
    };

    private static AlertRule Backlog() => new()
    {
        Id = 3,
        Name = "Backlog",
        Metric = MetricCatalog.BacklogSize,
        Comparison = AlertComparison.Above,
        CriticalThreshold = 1000,
    };

    [Theory]
    [InlineData(90.0, null)]
    [InlineData(85.0, null)]
    [InlineData(84.9, AlertSeverity.Warning)]
    [InlineData(70.0, AlertSeverity.Warning)]
    [InlineData(69.9, AlertSeverity.Critical)]
    [InlineData(null, null)]
    public void Breach_BelowRule_PicksTheMostSevereLevel(double? value, string? severity) =>
        AlertEvaluation.Breach(Completeness(), value)?.Severity.ShouldBe(severity);

    [Theory]
    [InlineData(1000.0, null)]
    [InlineData(1001.0, AlertSeverity.Critical)]
    public void Breach_AboveRule_WithOnlyACriticalLevel(double value, string? severity) =>
        AlertEvaluation.Breach(Backlog(), value)?.Severity.ShouldBe(severity);

    [Fact]
    public void ABreach_FiresAtOnce_AndNotifies_WhenTheRuleHasNoDuration()
    {
        var step = AlertEvaluation.Evaluate(Completeness(), 65, null, T0);

        step.IsNew.ShouldBeTrue();
        step.Alert!.State.ShouldBe(AlertState.Firing);
        step.Alert.Severity.ShouldBe(AlertSeverity.Critical);
        step.Alert.Threshold.ShouldBe(70);
        step.Notify.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public void WithADuration_TheAlertIsPendingUntilTheConditionHeldLongEnough()
    {
        var rule = Completeness(forMinutes: 5);

        var first = AlertEvaluation.Evaluate(rule, 80, null, T0);
        first.Alert!.State.ShouldBe(AlertState.Pending);
        first.Notify.ShouldBeNull();

        var early = AlertEvaluation.Evaluate(rule, 79, first.Alert, T0.AddMinutes(4));
        early.IsNew.ShouldBeFalse();
        early.Alert!.State.ShouldBe(AlertState.Pending);

        var due = AlertEvaluation.Evaluate(rule, 78, early.Alert, T0.AddMinutes(5));
        due.Alert!.State.ShouldBe(AlertState.Firing);
        due.Alert.FiredAt.ShouldBe(T0.AddMinutes(5));
        due.Notify.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public void APendingAlertWhoseConditionEnds_IsClosedWithoutNotifying()
    {
        var rule = Completeness(forMinutes: 5);
        var pending = AlertEvaluation.Evaluate(rule, 80, null, T0).Alert;

        var step = AlertEvaluation.Evaluate(rule, 90, pending, T0.AddMinutes(2));

        step.Alert!.State.ShouldBe(AlertState.Resolved);
        step.Alert.FiredAt.ShouldBeNull();
        step.Notify.ShouldBeNull();
    }

    [Fact]
    public void AFiringCondition_EvaluatedAgain_IsTheSameAlert_AndNotifiesOnce()
    {
        var rule = Completeness();
        var fired = AlertEvaluation.Evaluate(rule, 80, null, T0);

        var again = AlertEvaluation.Evaluate(rule, 60, fired.Alert, T0.AddMinutes(1));

        again.IsNew.ShouldBeFalse();
        again.Alert.ShouldBeSameAs(fired.Alert);
        again.Alert!.Severity.ShouldBe(AlertSeverity.Critical);
        again.Alert.Value.ShouldBe(60);
        again.Notify.ShouldBeNull();
    }

    [Fact]
    public void Recovery_ResolvesTheAlert_AndNotifies()
    {
        var rule = Completeness();
        var fired = AlertEvaluation.Evaluate(rule, 60, null, T0);

        var step = AlertEvaluation.Evaluate(rule, 92, fired.Alert, T0.AddMinutes(3));

        step.Alert!.State.ShouldBe(AlertState.Resolved);
        step.Alert.ResolvedAt.ShouldBe(T0.AddMinutes(3));
        step.Alert.Value.ShouldBe(92);
        step.Notify.ShouldBe(AlertState.Resolved);
    }

    [Fact]
    public void ASilencedAlert_NotifiesNothing_UntilTheSilenceExpires()
    {
        var rule = Completeness(forMinutes: 1);
        var pending = AlertEvaluation.Evaluate(rule, 60, null, T0).Alert!;
        pending.SilencedUntil = T0.AddMinutes(30);

        var firedSilently = AlertEvaluation.Evaluate(rule, 60, pending, T0.AddMinutes(2));
        var stillSilent = AlertEvaluation.Evaluate(rule, 60, firedSilently.Alert, T0.AddMinutes(29));
        var expired = AlertEvaluation.Evaluate(rule, 60, stillSilent.Alert, T0.AddMinutes(30));

        firedSilently.Alert!.State.ShouldBe(AlertState.Firing);
        firedSilently.Notify.ShouldBeNull();
        stillSilent.Notify.ShouldBeNull();
        expired.Notify.ShouldBe(AlertState.Firing);
    }

    [Fact]
    public void AnAlertResolvedWhileSilenced_OrNeverNotified_SendsNoResolvedNotice()
    {
        var rule = Completeness();
        var fired = AlertEvaluation.Evaluate(rule, 60, null, T0).Alert!;
        fired.SilencedUntil = T0.AddHours(1);

        AlertEvaluation.Evaluate(rule, 95, fired, T0.AddMinutes(5)).Notify.ShouldBeNull();
    }

    [Fact]
    public void AnUnknownValue_OrADisabledRule_ResolvesAndOpensNothing()
    {
        var disabled = Completeness();
        disabled.Enabled = false;

        AlertEvaluation.Evaluate(Completeness(), null, null, T0).Alert.ShouldBeNull();
        AlertEvaluation.Evaluate(disabled, 10, null, T0).Alert.ShouldBeNull();
    }
}
