using Portal.Auth;
using Portal.Domain.Enrichment;
using Portal.Enrichment;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Runs;

namespace Portal.Api;

/// <summary>Seed 002's enrichment endpoints, the retry ledger and its actions; changes need Operator.</summary>
public static class EnrichmentApi
{
    public static void MapEnrichmentApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/enrichment/health", (EnrichmentService enrichment, CancellationToken ct) => enrichment.HealthAsync(ct))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/enrichment/report", async (int? hours, EnrichmentService enrichment, CancellationToken ct) =>
                hours is null or (>= 1 and <= 24 * 90)
                    ? Results.Ok(await enrichment.ReportAsync(hours ?? 24, ct))
                    : Results.Problem("hours must be between 1 and 2160.", statusCode: 400, title: "Bad parameter"))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/enrichment/backlog", (EnrichmentService enrichment, CancellationToken ct) => enrichment.BacklogAsync(ct))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/enrichment/process", async (EnrichmentService enrichment, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var runId = await enrichment.ProcessNowAsync(http.User, JobsApi.SourceOf(http), ct);
                    return Results.Accepted($"/api/runs/{runId}", new { runId });
                }
                catch (JobAlreadyActiveException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Already processing");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapGet("/enrichment/items", async (string? status, string? errorClass, string? q, string? sort, bool? desc, int? skip, int? take, EnrichmentService enrichment, CancellationToken ct) =>
            {
                if (status is not null && !EnrichmentItemStatus.All.Contains(status))
                {
                    return Results.Problem($"status must be one of {string.Join(", ", EnrichmentItemStatus.All)}.", statusCode: 400, title: "Bad filter");
                }

                var page = await enrichment.LedgerAsync(new LedgerQuery(status, errorClass, q, sort, desc ?? false, skip ?? 0, take ?? 25), ct);
                return Results.Ok(new { total = page.Total, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/enrichment/items/retry", (ItemsBody body, EnrichmentService enrichment, HttpContext http, CancellationToken ct) =>
                Act(() => enrichment.RetryNowAsync(http.User, body.Ids ?? [], ct)))
            .RequireAuthorization(Policies.Operator);
        api.MapPost("/enrichment/items/skip", (ItemsBody body, EnrichmentService enrichment, HttpContext http, CancellationToken ct) =>
                Act(() => enrichment.SkipAsync(http.User, body.Ids ?? [], ct)))
            .RequireAuthorization(Policies.Operator);
        api.MapPost("/enrichment/items/dead-letter", (ItemsBody body, EnrichmentService enrichment, HttpContext http, CancellationToken ct) =>
                Act(() => enrichment.DeadLetterAsync(http.User, body.Ids ?? [], ct)))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/enrichment/re-enrichment/preview", (ReEnrichmentCriteria criteria, EnrichmentService enrichment, CancellationToken ct) =>
                Validated(criteria, async () => Results.Ok(await enrichment.PreviewAsync(criteria, ct))))
            .RequireAuthorization(Policies.Viewer);
        api.MapPost("/enrichment/re-enrichment", (ReEnrichmentCriteria criteria, EnrichmentService enrichment, HttpContext http, CancellationToken ct) =>
                Validated(criteria, async () =>
                {
                    var runId = await enrichment.StartReEnrichmentAsync(http.User, criteria, JobsApi.SourceOf(http), ct);
                    return Results.Accepted($"/api/runs/{runId}", new { runId });
                }))
            .RequireAuthorization(Policies.Operator);
    }

    private static async Task<IResult> Act(Func<Task<IReadOnlyList<long>>> action)
    {
        try
        {
            var changed = await action();
            return Results.Ok(new { changed });
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(ex.Message, statusCode: 400, title: "Bad selection");
        }
    }

    private static Task<IResult> Validated(ReEnrichmentCriteria criteria, Func<Task<IResult>> then) =>
        criteria.Validate() is [var error, ..]
            ? Task.FromResult(Results.Problem(error, statusCode: 400, title: "Invalid selection"))
            : then();

    public sealed record ItemsBody(long[]? Ids);
}
