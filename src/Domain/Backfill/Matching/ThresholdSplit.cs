namespace Portal.Domain.Backfill.Matching;

/// <summary>
/// The recorded match evidence of a group of imported rows: how the company and the person were matched (seed
/// spellings: perfect, fuzzy, review, no_match) and the best score of each, and how many rows share it.
/// </summary>
/// <param name="Tie">The review was a tie between equally scored candidates (thresholds cannot decide it).</param>
public sealed record RowEvidence(string? CompanyMatch, double? CompanyScore, string? PersonMatch, double? PersonScore, long Rows, bool Tie = false);

/// <summary>How rows would be decided: matched automatically, sent to review, created new, or not knowable without matching again.</summary>
public sealed record SplitCounts(long AutoMatch, long Review, long New, long NeedsRematch)
{
    public long Total => AutoMatch + Review + New + NeedsRematch;
}

/// <summary>
/// Replays the two-threshold decision on recorded scores, so that an admin sees how the last import's rows would
/// split under other thresholds before saving them. Exact rules (perfect) are unaffected by thresholds; a row whose
/// company would now match but whose person was never scored against it (the company was new or under review)
/// cannot be known without matching it again and is counted as such. A tie stays a review.
/// </summary>
public static class ThresholdSplit
{
    public static SplitCounts Classify(IEnumerable<RowEvidence> rows, MatchingThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(thresholds);
        long auto = 0, review = 0, created = 0, rematch = 0;
        foreach (var row in rows)
        {
            if (row.Tie)
            {
                review += row.Rows;
                continue;
            }

            var company = Decide(row.CompanyMatch, row.CompanyScore, thresholds.CompanyAutoMatch, thresholds.CompanyReview);
            var decision = company switch
            {
                // The person was only scored within the company the import chose; a different company choice means matching again.
                Outcome.Match when row.PersonMatch is null || row.CompanyMatch is not ("perfect" or "fuzzy") => Outcome.Unknown,
                Outcome.Match => Decide(row.PersonMatch, row.PersonScore, thresholds.PersonAutoMatch, thresholds.PersonReview),
                _ => company,
            };
            switch (decision)
            {
                case Outcome.Match: auto += row.Rows; break;
                case Outcome.Review: review += row.Rows; break;
                case Outcome.New: created += row.Rows; break;
                default: rematch += row.Rows; break;
            }
        }

        return new SplitCounts(auto, review, created, rematch);
    }

    private enum Outcome
    {
        Match,
        Review,
        New,
        Unknown,
    }

    private static Outcome Decide(string? match, double? score, double autoMatch, double reviewFrom)
    {
        if (match == "perfect")
        {
            return Outcome.Match;
        }

        if (score is not { } best)
        {
            return match is null ? Outcome.Unknown : Outcome.New;
        }

        return best >= autoMatch ? Outcome.Match : best >= reviewFrom ? Outcome.Review : Outcome.New;
    }
}
