namespace Portal.Domain.Backfill.Matching;

/// <summary>The decision rules shared by the company and person matchers.</summary>
internal static class Decisions
{
    /// <summary>Best first: score, then title score (tie-break), then id for a stable order.</summary>
    public static readonly Comparison<MatchCandidate> BestFirst = (x, y) =>
    {
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byTitle = (y.TitleScore ?? -1).CompareTo(x.TitleScore ?? -1);
        return byTitle != 0 ? byTitle : string.CompareOrdinal(x.Id, y.Id);
    };

    /// <summary>
    /// Candidates that met an exact rule (distinct ids, score 1.0): one is a perfect match; several mean the existing
    /// records are duplicates of each other, which a person must resolve, so the row goes to review.
    /// </summary>
    public static MatchDecision Exact(List<MatchCandidate> hits)
    {
        if (hits.Count == 1)
        {
            return new MatchDecision(MatchKind.Perfect, hits[0].Id, 1.0, hits);
        }

        hits.Sort(BestFirst);
        return new MatchDecision(MatchKind.Review, null, 1.0, hits);
    }

    /// <summary>
    /// Candidates scored by name (sorted best first): the best decides with the two thresholds; a tie for the best
    /// (same score and same title score) is never auto-matched.
    /// </summary>
    public static MatchDecision Fuzzy(List<MatchCandidate> sorted, double autoMatch, double review)
    {
        if (sorted.Count == 0)
        {
            return MatchDecision.None;
        }

        var best = sorted[0];
        var tied = sorted.Count > 1 && SameRank(best, sorted[1]);
        var kind = best.Score >= autoMatch && !tied ? MatchKind.Fuzzy
            : best.Score >= review ? MatchKind.Review
            : MatchKind.NoMatch;
        return new MatchDecision(kind, kind == MatchKind.Fuzzy ? best.Id : null, best.Score, sorted);
    }

    private static bool SameRank(MatchCandidate x, MatchCandidate y) =>
        x.Score.Equals(y.Score) && Nullable.Equals(x.TitleScore, y.TitleScore);
}
