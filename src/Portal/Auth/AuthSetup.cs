using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Portal.Domain.Identity;
using Portal.Domain.Persistence;

namespace Portal.Auth;

public static class AuthSetup
{
    public const string SignInRateLimit = "sign-in";
    private const string SchemeSelector = "CookieOrApiKey";

    public static IServiceCollection AddPortalAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<PortalUser, IdentityRole>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Auth:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = configuration.GetValue("Auth:LockoutDuration", TimeSpan.FromMinutes(15));
                options.Lockout.AllowedForNewUsers = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "portal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);

            // The API answers with status codes, not redirects to the sign-in page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(options =>
            {
                // AddIdentity sets the authenticate and challenge defaults to its cookie; the selector must win.
                options.DefaultScheme = SchemeSelector;
                options.DefaultAuthenticateScheme = SchemeSelector;
                options.DefaultChallengeScheme = SchemeSelector;
                options.DefaultForbidScheme = SchemeSelector;
            })
            .AddPolicyScheme(SchemeSelector, "Cookie or API key", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Viewer, p => p.RequireRole(Roles.AtLeast(Roles.Viewer)))
            .AddPolicy(Policies.Operator, p => p.RequireRole(Roles.AtLeast(Roles.Operator)))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.AtLeast(Roles.Admin)))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireRole(Roles.AtLeast(Roles.Viewer))
                .Build());

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = configuration.GetValue("Auth:SignInAttemptsPerMinute", 10),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int statusCode)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = statusCode;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
