namespace Portal.Domain.Audit;

/// <summary>One row of <c>shq.audit_log</c>: who did what to which target, and when.</summary>
public sealed class AuditLogEntry
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>User name, <c>apikey:NAME</c> for automation, or <c>system</c>.</summary>
    public required string Actor { get; set; }

    public required string Action { get; set; }

    public string? TargetType { get; set; }

    public string? TargetId { get; set; }

    /// <summary>JSON with the specifics of the action.</summary>
    public string? Details { get; set; }

    public string? IpAddress { get; set; }

    public bool Success { get; set; } = true;
}
