using System.Text.Json.Serialization;

namespace Portal.Domain.Backfill.Matching;

/// <summary>How a row was matched; serialized with the seed's <c>match_type</c> spellings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchKind>))]
public enum MatchKind
{
    /// <summary>Below the review threshold (or no candidate): the row becomes a new record.</summary>
    [JsonStringEnumMemberName("no_match")]
    NoMatch,

    /// <summary>Cannot be decided automatically (review zone, or a tie): goes to review with every candidate.</summary>
    [JsonStringEnumMemberName("review")]
    Review,

    /// <summary>Fuzzy score at or above the auto-match threshold, with a single best candidate.</summary>
    [JsonStringEnumMemberName("fuzzy")]
    Fuzzy,

    /// <summary>An exact rule (domain, LinkedIn URL, email, email domain + name): confidence 1.0.</summary>
    [JsonStringEnumMemberName("perfect")]
    Perfect,
}

/// <summary>Why a candidate scored what it did.</summary>
public static class MatchReasons
{
    public const string Domain = "domain";
    public const string Name = "name";
    public const string LinkedIn = "linkedin";
    public const string Email = "email";
    public const string EmailDomainAndName = "email_domain_name";

    /// <summary>A name too thin to decide (a first name, a surname, an initial and a surname) that fits this person.</summary>
    public const string ThinName = "thin_name";
}

/// <summary>One scored candidate.</summary>
/// <param name="TitleScore">Title similarity, only computed to break a tie between equal name scores.</param>
public sealed record MatchCandidate(string Id, double Score, string Reason, double? TitleScore = null);

/// <summary>
/// The outcome of matching one row: the matched id (Perfect and Fuzzy only), the best score, and the candidates
/// that were considered, best first (this is what <c>match_attempts</c> records for a review).
/// </summary>
public sealed record MatchDecision(MatchKind Kind, string? MatchedId, double Confidence, IReadOnlyList<MatchCandidate> Candidates)
{
    public static MatchDecision None { get; } = new(MatchKind.NoMatch, null, 0, []);

    [JsonIgnore]
    public bool IsMatch => Kind is MatchKind.Perfect or MatchKind.Fuzzy;
}
