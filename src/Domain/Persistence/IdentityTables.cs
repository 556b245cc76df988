using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Identity;

namespace Portal.Domain.Persistence;

/// <summary>Puts ASP.NET Core Identity's tables in their own schema with plain names.</summary>
internal static class IdentityTables
{
    private const string Schema = "identity";

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PortalUser>().ToTable("user", Schema);
        builder.Entity<IdentityRole>().ToTable("role", Schema);
        builder.Entity<IdentityUserRole<string>>().ToTable("user_role", Schema);
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claim", Schema);
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_login", Schema);
        builder.Entity<IdentityUserToken<string>>().ToTable("user_token", Schema);
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claim", Schema);
        builder.Entity<PortalUser>().Property(u => u.DisplayName).HasMaxLength(200);
        builder.Entity<PortalUser>().Property(u => u.CreatedAt).HasDefaultValueSql("now()");
    }
}
