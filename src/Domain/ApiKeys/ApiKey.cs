namespace Portal.Domain.ApiKeys;

/// <summary>An automation credential. Only a hash of the secret is stored; the prefix identifies it in lists.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string KeyPrefix { get; set; }

    public required string KeyHash { get; set; }

    public required string Role { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}
