using System.Security.Claims;
using Portal.Auth;

namespace Portal.Api;

public static class ApiEndpoints
{
    /// <summary>Every /api route; all of them need at least a Viewer (the fallback policy), some more.</summary>
    public static void MapPortalApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.Viewer);
        api.MapGet("/me", (ClaimsPrincipal user) => new
        {
            name = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
        });
        api.MapJobsApi();
        api.MapSlotsApi();
        api.MapBackfillsApi();
        api.MapMonitoringApi();
        api.MapEnrichmentApi();
    }
}
