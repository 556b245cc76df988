namespace Portal.Domain.Backfill.Review;

public enum FieldComparison
{
    /// <summary>Both have the same value (case and surrounding space ignored).</summary>
    Same,

    /// <summary>Both have a value and they differ.</summary>
    Different,

    /// <summary>Only the incoming row has a value: linking would fill it in.</summary>
    OnlyIncoming,

    /// <summary>Only the existing record has a value.</summary>
    OnlyExisting,

    /// <summary>Neither has a value.</summary>
    Empty,
}

/// <summary>One field of an incoming row beside the same field of a candidate record.</summary>
public sealed record FieldDiff(string Field, string? Incoming, string? Existing, FieldComparison Comparison)
{
    /// <summary>Compares field by field, in the order given; the fields are the union of both sides' names.</summary>
    public static IReadOnlyList<FieldDiff> Compare(IReadOnlyList<(string Field, string? Incoming, string? Existing)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.Select(f => new FieldDiff(f.Field, f.Incoming, f.Existing, Classify(f.Incoming, f.Existing))).ToList();
    }

    public static FieldComparison Classify(string? incoming, string? existing)
    {
        var hasIncoming = !string.IsNullOrWhiteSpace(incoming);
        var hasExisting = !string.IsNullOrWhiteSpace(existing);
        return (hasIncoming, hasExisting) switch
        {
            (false, false) => FieldComparison.Empty,
            (true, false) => FieldComparison.OnlyIncoming,
            (false, true) => FieldComparison.OnlyExisting,
            _ => string.Equals(incoming!.Trim(), existing!.Trim(), StringComparison.OrdinalIgnoreCase) ? FieldComparison.Same : FieldComparison.Different,
        };
    }
}
