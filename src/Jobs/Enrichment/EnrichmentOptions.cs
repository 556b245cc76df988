namespace Portal.Jobs.Enrichment;

public sealed class EnrichmentOptions
{
    public const string Section = "Enrichment";

    /// <summary>simulated or http.</summary>
    public string Provider { get; set; } = Providers.SimulatedProvider.ProviderName;

    /// <summary>Whether job-running nodes run the continuous worker.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Items one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long an idle worker waits before looking for due items again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A claim's lease: items of a worker that died are claimed again after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    public SimulatedProviderOptions Simulated { get; set; } = new();

    public HttpProviderOptions Http { get; set; } = new();
}

public sealed class SimulatedProviderOptions
{
    /// <summary>Same seed, same answers: an item's outcome depends only on the seed, its company, slot and attempt.</summary>
    public int Seed { get; set; } = 42;

    public int LatencyMs { get; set; } = 50;

    /// <summary>Share of calls that fail (transiently).</summary>
    public double FailureRate { get; set; } = 0.1;

    /// <summary>Share of answered calls that find a person.</summary>
    public double FoundRate { get; set; } = 0.6;

    /// <summary>Calls at once; with the latency this sets the simulated rate.</summary>
    public int Concurrency { get; set; } = 16;
}

public sealed class HttpProviderOptions
{
    /// <summary>The lookup endpoint (POST).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Sent as a bearer token; from configuration or the environment, never the repository.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int RequestsPerMinute { get; set; } = 600;

    public int Concurrency { get; set; } = 8;

    /// <summary>Failures in a row that open the circuit.</summary>
    public int CircuitFailureThreshold { get; set; } = 5;

    public TimeSpan CircuitOpenDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A Retry-After up to this long is waited out; a longer one fails the call with the wait as its earliest retry.</summary>
    public TimeSpan MaxRetryAfterWait { get; set; } = TimeSpan.FromSeconds(5);
}
