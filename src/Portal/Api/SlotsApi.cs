using Portal.Auth;
using Portal.Domain.Slots;
using Portal.Jobs.Slots;
using Portal.Slots;

namespace Portal.Api;

/// <summary>Slots and companies over HTTP; corrections need Operator.</summary>
public static class SlotsApi
{
    public static void MapSlotsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/slots/summary", (SlotsService slots, CancellationToken ct) => slots.SummaryAsync(ct))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/companies", async (
                string? q, string? slotType, string? status, int? minAttempts, bool? pendingBackfill, string? sort, bool? desc, int? skip, int? take,
                SlotsService slots, CancellationToken ct) =>
            {
                if (slotType is not null && !SlotTypeNames.All.Contains(slotType))
                {
                    return Results.Problem($"slotType must be one of {string.Join(", ", SlotTypeNames.All)}.", statusCode: 400, title: "Bad filter");
                }

                if (status is not null && !SlotStatus.All.Contains(status))
                {
                    return Results.Problem($"status must be one of {string.Join(", ", SlotStatus.All)}.", statusCode: 400, title: "Bad filter");
                }

                var page = await slots.SearchAsync(new CompanyQuery(q, slotType, status, minAttempts, pendingBackfill, sort, desc ?? false, skip ?? 0, take ?? 25), ct);
                return Results.Ok(new { total = page.Total, totalIsAtLeast = page.TotalIsAtLeast, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/companies/{id}", async (string id, SlotsService slots, CancellationToken ct) =>
                await slots.GetAsync(id, ct) is { } detail
                    ? Results.Ok(detail)
                    : Results.Problem($"There is no company '{id}'.", statusCode: 404, title: "Unknown company"))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/people/{id}/title", async (string id, TitleBody body, SlotsService slots, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return await slots.CorrectTitleAsync(http.User, id, body.Title ?? "", ct)
                        ? Results.NoContent()
                        : Results.Problem($"There is no person '{id}'.", statusCode: 404, title: "Unknown person");
                }
                catch (ArgumentException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 400, title: "Invalid title");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/people/{id}/locks/{field}", (string id, string field, SlotsService slots, HttpContext http, CancellationToken ct) => Lock(slots, http, id, field, true, ct))
            .RequireAuthorization(Policies.Operator);
        api.MapDelete("/people/{id}/locks/{field}", (string id, string field, SlotsService slots, HttpContext http, CancellationToken ct) => Lock(slots, http, id, field, false, ct))
            .RequireAuthorization(Policies.Operator);
    }

    private static async Task<IResult> Lock(SlotsService slots, HttpContext http, string id, string field, bool locked, CancellationToken ct)
    {
        try
        {
            return await slots.SetFieldLockAsync(http.User, id, field, locked, ct) ? Results.NoContent() : Results.Problem("Nothing changed: no such person, or the field already was in that state.", statusCode: 409, title: "Not changed");
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: 400, title: "Invalid field");
        }
    }

    public sealed record TitleBody(string? Title);
}
