using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Portal.Domain.Identity;

namespace Portal.Users;

/// <summary>
/// Makes sure the roles and a first admin exist. The admin comes from configuration (Bootstrap:AdminEmail,
/// Bootstrap:AdminPassword); in development a missing password is generated and printed once.
/// </summary>
public sealed partial class AdminBootstrap(
    RoleManager<IdentityRole> roles,
    UserManager<PortalUser> users,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<AdminBootstrap> logger)
{
    public async Task EnsureAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        var email = configuration["Bootstrap:AdminEmail"] ?? "admin@portal.local";
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrEmpty(password))
        {
            if (!environment.IsDevelopment())
            {
                LogNoAdminPassword();
                return;
            }

            password = "Dev-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            Console.WriteLine($"""

                ==== First sign-in ==========================================
                  Admin:    {email}
                  Password: {password}
                  (shown once; change it under Settings > Users)
                =============================================================

                """);
        }

        var admin = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        Check(await users.CreateAsync(admin, password));
        Check(await users.AddToRoleAsync(admin, Roles.Admin));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin exists and Bootstrap:AdminPassword is not set; nobody can sign in until it is.")]
    private partial void LogNoAdminPassword();
}
