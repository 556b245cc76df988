using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Identity;
using Portal.Domain.Persistence;

namespace Portal.Users;

/// <summary>Admin's management of users and their role; every change is audited.</summary>
public sealed class UserAdminService(
    UserManager<PortalUser> users,
    IDbContextFactory<PortalDbContext> contexts,
    AuditWriter audit)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from user in db.Users
            let role = (from userRole in db.UserRoles
                        join r in db.Roles on userRole.RoleId equals r.Id
                        where userRole.UserId == user.Id
                        select r.Name).FirstOrDefault()
            orderby user.Email
            select new UserRow(user.Id, user.Email!, user.DisplayName, role, user.LockoutEnd, user.AccessFailedCount, user.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<UserChange> CreateAsync(ClaimsPrincipal actor, string email, string? displayName, string password, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return UserChange.Fail($"Unknown role '{role}'.");
        }

        var user = new PortalUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserChange.From(created);
        }

        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(actor, AuditActions.UserCreated, "user", user.Email, new { role });
        return UserChange.Ok;
    }

    public async Task<UserChange> SetRoleAsync(ClaimsPrincipal actor, string userId, string role)
    {
        if (!Roles.All.Contains(role))
        {
            return UserChange.Fail($"Unknown role '{role}'.");
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChange.Fail("No such user.");
        }

        if (user.UserName == actor.Identity?.Name && role != Roles.Admin)
        {
            return UserChange.Fail("You cannot remove your own Admin role.");
        }

        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(actor, AuditActions.UserRolesChanged, "user", user.Email, new { from = current, to = role });
        return UserChange.Ok;
    }

    public async Task<UserChange> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string newPassword)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChange.Fail("No such user.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            await audit.WriteAsync(actor, AuditActions.UserPasswordReset, "user", user.Email);
        }

        return UserChange.From(result);
    }

    public async Task<UserChange> UnlockAsync(ClaimsPrincipal actor, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChange.Fail("No such user.");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(actor, AuditActions.UserUnlocked, "user", user.Email);
        return UserChange.Ok;
    }

    public async Task<UserChange> DeleteAsync(ClaimsPrincipal actor, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return UserChange.Fail("No such user.");
        }

        if (user.UserName == actor.Identity?.Name)
        {
            return UserChange.Fail("You cannot delete yourself.");
        }

        var result = await users.DeleteAsync(user);
        if (result.Succeeded)
        {
            await audit.WriteAsync(actor, AuditActions.UserDeleted, "user", user.Email);
        }

        return UserChange.From(result);
    }
}

public sealed record UserRow(string Id, string Email, string? DisplayName, string? Role, DateTimeOffset? LockoutEnd, int FailedAttempts, DateTimeOffset CreatedAt)
{
    public bool IsLockedOut => LockoutEnd > DateTimeOffset.UtcNow;
}

public sealed record UserChange(bool Succeeded, string? Error)
{
    public static readonly UserChange Ok = new(true, null);

    public static UserChange Fail(string error) => new(false, error);

    public static UserChange From(IdentityResult result) =>
        result.Succeeded ? Ok : Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
}
