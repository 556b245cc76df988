namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// The two fuzzy thresholds per entity (admin-editable configuration, serialized as JSON). A fuzzy score at or above
/// the auto-match threshold matches; from the review threshold up to it the row goes to review
/// (<c>garage.missing_parts</c>) with every candidate; below the review threshold the row is a new record.
/// </summary>
public sealed record MatchingThresholds
{
    public static MatchingThresholds Default { get; } = new();

    /// <summary>Seed 001: company name ≥ 0.90 is a safe auto-match (on normalized names).</summary>
    public double CompanyAutoMatch { get; init; } = 0.90;

    public double CompanyReview { get; init; } = 0.75;

    /// <summary>Seed 001: person name ≥ 0.88 within the same company.</summary>
    public double PersonAutoMatch { get; init; } = 0.88;

    public double PersonReview { get; init; } = 0.75;

    /// <summary>
    /// The title similarity that counts when breaking a tie between equal name scores; below it a title is no
    /// evidence (score 0), so that "CEO" (0.67 like "CFO") cannot pick the CFO namesake.
    /// </summary>
    public double TitleTieBreak { get; init; } = 0.75;

    /// <summary>Throws unless 0 ≤ review ≤ auto-match ≤ 1 for both entities and the title tie-break is within 0..1.</summary>
    public MatchingThresholds Validate()
    {
        Check(CompanyReview, CompanyAutoMatch, nameof(CompanyReview), nameof(CompanyAutoMatch));
        Check(PersonReview, PersonAutoMatch, nameof(PersonReview), nameof(PersonAutoMatch));
        Check(TitleTieBreak, 1, nameof(TitleTieBreak), "1");
        return this;
    }

    private static void Check(double review, double auto, string reviewName, string autoName)
    {
        if (!(auto is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(autoName, auto, "A threshold must be between 0 and 1.");
        }

        if (!(review >= 0 && review <= auto))
        {
            throw new ArgumentOutOfRangeException(reviewName, review, $"The review threshold must be between 0 and {autoName} ({auto}).");
        }
    }
}
