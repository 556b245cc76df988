using System.Text.Json.Nodes;
using Portal.Domain.Backfill.Merging;
using Portal.Domain.Backfill.Normalization;

namespace Portal.Jobs.Backfill;

/// <summary>One input row on its way through a batch: what was decided for it and what to write.</summary>
internal sealed class BackfillRowWork(PreparedRow prepared, Guid? logId = null)
{
    public PreparedRow Prepared { get; } = prepared;

    public LegacyCsvRow Source => Prepared.Source;

    public string Hash => Prepared.Hash;

    public Guid LogId { get; } = logId ?? Guid.CreateVersion7();

    public NormalizedRow? Normalized { get; set; }

    public string Status { get; set; } = "";

    public string? MatchType { get; set; }

    public double? Confidence { get; set; }

    public string? CompanyId { get; set; }

    public string? PersonId { get; set; }

    public JsonObject Actions { get; } = [];

    public string? Error { get; set; }

    /// <summary>For an unresolved row: every candidate and score (garage.missing_parts.match_attempts).</summary>
    public string? MatchAttempts { get; set; }

    /// <summary>Every field the row changed on an existing person, old → new (what undo and revert restore).</summary>
    public List<FieldChange> Changes { get; } = [];

    /// <summary>True when baselines are written for this row (initialized with a person).</summary>
    public bool Baselines { get; set; }
}

/// <summary>
/// A field change as a row's log entry keeps it: with when it was made, because review resolutions and taken values
/// change an import's people after its later rows did, and a revert undoes them in the order they happened.
/// </summary>
internal sealed record LoggedChange(string Field, string? From, string? To, DateTimeOffset At)
{
    public static IEnumerable<LoggedChange> Of(IEnumerable<FieldChange> changes, DateTimeOffset at) => changes.Select(c => new LoggedChange(c.Field, c.From, c.To, at));
}

/// <summary>An existing (or just created) person as the importer knows it, with what protects its fields.</summary>
internal sealed class KnownPerson
{
    public required string Id { get; init; }

    public required string CompanyId { get; init; }

    public required PersonValues Values { get; set; }

    public IReadOnlyList<string> LockedFields { get; init; } = [];

    public IReadOnlyList<string> OverrideKeys { get; init; } = [];

    public bool ManuallyCorrectedEmail { get; init; }

    public bool ManuallyCorrectedTitle { get; init; }

    /// <summary>Created by this import in the current batch (not in the database yet).</summary>
    public bool New { get; init; }

    /// <summary>Whether a field may not be changed: listed in locked_fields or manual_overrides, or flagged as manually corrected.</summary>
    public bool IsLocked(string field) =>
        LockedFields.Contains(field, StringComparer.OrdinalIgnoreCase)
        || OverrideKeys.Contains(field, StringComparer.OrdinalIgnoreCase)
        || (field == PersonFields.Email && ManuallyCorrectedEmail)
        || (field == PersonFields.Title && ManuallyCorrectedTitle);
}
