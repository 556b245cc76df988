namespace Portal.Domain.Enrichment;

/// <summary>
/// Stops calling a failing provider: after <c>threshold</c> failures in a row the circuit opens and calls fail
/// at once; after <c>openFor</c> one trial call is let through (half open), and its outcome closes or reopens it.
/// Thread-safe; time comes from the caller so the behaviour is testable.
/// </summary>
public sealed class CircuitBreaker(int threshold, TimeSpan openFor)
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    private readonly Lock gate = new();
    private int failuresInARow;
    private DateTimeOffset? openedAt;
    private bool trialRunning;

    public DateTimeOffset? OpenedAt
    {
        get
        {
            lock (gate)
            {
                return openedAt;
            }
        }
    }

    public string State(DateTimeOffset now)
    {
        lock (gate)
        {
            return openedAt is null ? Closed : now - openedAt.Value >= openFor ? HalfOpen : Open;
        }
    }

    /// <summary>Whether a call may go out now; in the half-open state only one trial at a time.</summary>
    public bool TryEnter(DateTimeOffset now)
    {
        lock (gate)
        {
            if (openedAt is null)
            {
                return true;
            }

            if (now - openedAt.Value < openFor || trialRunning)
            {
                return false;
            }

            trialRunning = true;
            return true;
        }
    }

    public void Success()
    {
        lock (gate)
        {
            failuresInARow = 0;
            openedAt = null;
            trialRunning = false;
        }
    }

    public void Failure(DateTimeOffset now)
    {
        lock (gate)
        {
            failuresInARow++;
            if (trialRunning || failuresInARow >= threshold)
            {
                openedAt = now;
            }

            trialRunning = false;
        }
    }
}
