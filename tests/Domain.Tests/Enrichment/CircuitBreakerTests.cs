using Portal.Domain.Enrichment;
using Shouldly;

namespace Portal.Domain.Tests.Enrichment;

public sealed class CircuitBreakerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Opens_AfterTheThresholdOfFailuresInARow_ThenLetsOneTrialThrough()
    {
        var circuit = new CircuitBreaker(3, TimeSpan.FromSeconds(30));
        circuit.Failure(T0);
        circuit.Failure(T0);
        circuit.Success(); // a success in between resets the count
        circuit.Failure(T0);
        circuit.Failure(T0);
        circuit.State(T0).ShouldBe(CircuitBreaker.Closed);
        circuit.Failure(T0);

        circuit.State(T0).ShouldBe(CircuitBreaker.Open);
        circuit.TryEnter(T0.AddSeconds(29)).ShouldBeFalse();
        circuit.State(T0.AddSeconds(30)).ShouldBe(CircuitBreaker.HalfOpen);
        circuit.TryEnter(T0.AddSeconds(30)).ShouldBeTrue();
        circuit.TryEnter(T0.AddSeconds(30)).ShouldBeFalse(); // one trial at a time
    }

    [Fact]
    public void AFailedTrial_ReopensAtOnce_AndASuccessfulOneCloses()
    {
        var circuit = new CircuitBreaker(2, TimeSpan.FromSeconds(10));
        circuit.Failure(T0);
        circuit.Failure(T0);
        circuit.TryEnter(T0.AddSeconds(10)).ShouldBeTrue();
        circuit.Failure(T0.AddSeconds(10));
        circuit.State(T0.AddSeconds(15)).ShouldBe(CircuitBreaker.Open);

        circuit.TryEnter(T0.AddSeconds(20)).ShouldBeTrue();
        circuit.Success();
        circuit.State(T0.AddSeconds(20)).ShouldBe(CircuitBreaker.Closed);
    }
}
