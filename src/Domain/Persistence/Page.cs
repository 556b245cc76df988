namespace Portal.Domain.Persistence;

/// <summary>One page of a server-side paged list and the total count of the filtered list.</summary>
/// <param name="TotalIsAtLeast">Counting stopped at <paramref name="Total"/>: the list has at least that many items.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, bool TotalIsAtLeast = false);
