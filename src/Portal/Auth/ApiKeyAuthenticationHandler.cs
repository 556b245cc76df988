using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain.ApiKeys;
using Portal.Domain.Persistence;

namespace Portal.Auth;

/// <summary>Authenticates automation calls by the <c>X-Api-Key</c> header against the stored hashes of active keys.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> contexts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ApiKeyIdClaim = "api_key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeySecret.Hash(values[0]!.Trim());
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.KeyHash == hash, Context.RequestAborted);
        if (key is null || !key.IsActive)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // Last use is informational; one write per minute per key is plenty.
        if (key.LastUsedAt is null || key.LastUsedAt < DateTimeOffset.UtcNow.AddMinutes(-1))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, DateTimeOffset.UtcNow), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"apikey:{key.Name}"),
                new Claim(ClaimTypes.Role, key.Role),
                new Claim(ApiKeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
