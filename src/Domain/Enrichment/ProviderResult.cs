namespace Portal.Domain.Enrichment;

/// <summary>The person a provider found for a slot.</summary>
public sealed record FoundPerson(string? FullName, string? FirstName, string? LastName, string? Title, string? Email, string? LinkedinUrl);

public enum ProviderResultKind
{
    Found,
    NotFound,
    Failed,
}

/// <summary>
/// What one provider call returned: a person with a confidence, nobody (with a confidence), or a failure with an
/// error class (timeout, rate_limited, server_error, malformed_response, circuit_open, …) and maybe a Retry-After.
/// </summary>
public sealed record ProviderResult(
    ProviderResultKind Kind,
    double? Confidence = null,
    FoundPerson? Person = null,
    string? ErrorClass = null,
    string? Error = null,
    TimeSpan? RetryAfter = null)
{
    public static ProviderResult Found(FoundPerson person, double confidence) => new(ProviderResultKind.Found, confidence, person);

    public static ProviderResult NotFound(double confidence) => new(ProviderResultKind.NotFound, confidence);

    public static ProviderResult Failure(string errorClass, string error, TimeSpan? retryAfter = null) =>
        new(ProviderResultKind.Failed, ErrorClass: errorClass, Error: error, RetryAfter: retryAfter);
}
