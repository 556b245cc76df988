using Microsoft.AspNetCore.Identity;

namespace Portal.Domain.Identity;

public sealed class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
