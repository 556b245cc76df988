using Portal.Domain.Backfill.Merging;

namespace Portal.Jobs.Backfill;

/// <summary>
/// The SQL every machine write into <c>marketing.people_master</c> shares (imports, reverts, taken values,
/// enrichment): which fields are writable, and the guarded write of a field decided in memory by <see cref="MergePolicy"/>.
/// The person is aliased <c>p</c>.
/// </summary>
public static class PersonFieldSql
{
    /// <summary>The person columns, in <see cref="PersonFields.All"/>'s order.</summary>
    public static readonly string Columns = string.Join(", ", PersonFields.All);

    /// <summary>The columns of a staging table of decided changes: for each field whether it is set, the value read and the value to write.</summary>
    public static readonly string ChangeColumns = string.Join(", ", PersonFields.All.Select(f => $"{f}_set, {f}_old, {f}_new"));

    /// <summary>The same columns with their types, to create such a staging table (after an <c>id text</c> column).</summary>
    public static readonly string ChangeColumnTypes = string.Join(", ", PersonFields.All.Select(f => $"{f}_set boolean, {f}_old text, {f}_new text"));

    /// <summary>The condition under which a machine may write a field: not locked, overridden or corrected by hand.</summary>
    public static string Writable(string field) =>
        $"NOT EXISTS (SELECT 1 FROM unnest(p.locked_fields) f WHERE lower(f) = '{field}')"
        + $" AND NOT coalesce(jsonb_typeof(p.manual_overrides) = 'object' AND p.manual_overrides ? '{field}', false)"
        + (PersonFields.HandCorrectedFlag(field) is { } flag ? $" AND NOT coalesce(p.{flag}, false)" : "");

    /// <summary>
    /// The SET list writing the staged changes (alias <paramref name="staged"/>): a field is written only when it is
    /// writable and still holds the value it was decided on, so a lock taken or a value changed by someone else since
    /// the read is never overwritten.
    /// </summary>
    public static string GuardedSets(string staged) => string.Join(", ", PersonFields.All.Select(field =>
        $"{field} = CASE WHEN {staged}.{field}_set AND {Writable(field)} AND p.{field} IS NOT DISTINCT FROM {staged}.{field}_old THEN {staged}.{field}_new ELSE p.{field} END"));
}
