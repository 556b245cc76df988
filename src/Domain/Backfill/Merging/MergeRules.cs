namespace Portal.Domain.Backfill.Merging;

/// <summary>
/// When an incoming value may replace a present one (admin-editable, versioned like the other import rules). Filling
/// an empty field needs no rule; locked and hand-corrected fields are never written, whatever these say.
/// </summary>
public sealed record MergeRules
{
    public static MergeRules Default { get; } = new();

    /// <summary>A work email at the company's domain replaces a personal mailbox address (never the reverse).</summary>
    public bool WorkEmailReplacesPersonal { get; init; } = true;

    /// <summary>A fuller name that agrees with the present one (same surname, same given name or its initial) replaces it.</summary>
    public bool FullerNameReplaces { get; init; } = true;

    /// <summary>A different title replaces the present one on exact evidence (LinkedIn URL or email), never on a fuzzy match.</summary>
    public bool TitleReplacesOnExactEvidence { get; init; } = true;
}
