using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Audit;
using Portal.Domain.Audit;
using Portal.Domain.Identity;

namespace Portal.Auth;

/// <summary>Sign-in and sign-out: plain form posts (cookies can't be set from an interactive circuit), antiforgery-checked and rate limited.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        account.MapPost("/signin", async (
                [FromForm] string email,
                [FromForm] string password,
                [FromForm] string? returnUrl,
                SignInManager<PortalUser> signIn,
                AuditWriter audit) =>
            {
                var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
                var result = user is null
                    ? Microsoft.AspNetCore.Identity.SignInResult.Failed
                    : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    await audit.WriteAsync(user!.UserName!, AuditActions.SignIn, "user", user.Email);
                    return Results.LocalRedirect(SafeReturnUrl(returnUrl));
                }

                var reason = result.IsLockedOut ? "locked" : "invalid";
                await audit.WriteAsync("anonymous", AuditActions.SignInFailed, "user", email.Trim(), new { reason }, success: false);
                var query = $"?error={reason}" + (string.IsNullOrEmpty(returnUrl) ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}");
                return Results.LocalRedirect("/account/login" + query);
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthSetup.SignInRateLimit);

        account.MapPost("/signout", async (SignInManager<PortalUser> signIn, AuditWriter audit, HttpContext http) =>
            {
                await audit.WriteAsync(http.User, AuditActions.SignOut, "user", http.User.Identity?.Name);
                await signIn.SignOutAsync();
                return Results.LocalRedirect("/account/login");
            })
            .AllowAnonymous();
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
