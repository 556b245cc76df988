namespace Portal.Domain.Persistence;

/// <summary>One page of a server-side paged list and the total count of the filtered list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
