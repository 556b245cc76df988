using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Portal.Auth;
using Portal.Backfills;
using Portal.Domain.Backfill.Records;
using Portal.Domain.Runs;
using Portal.Jobs.Backfill;
using Portal.Jobs.Runs;

namespace Portal.Api;

/// <summary>Legacy CSV imports and their review bucket over HTTP (API key or cookie). Changes need Operator.</summary>
public static class BackfillsApi
{
    public static void MapBackfillsApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/backfills/uploads", async (HttpContext http, BackfillService backfills, CancellationToken ct) =>
            {
                var stored = await ReceiveAsync(http, backfills, ct);
                if (stored.Problem is not null)
                {
                    return stored.Problem;
                }

                return Results.Created($"/api/backfills/{stored.ImportId}", new { importId = stored.ImportId, preview = PreviewDto.From(await backfills.PreviewAsync(stored.ImportId, ct)) });
            })
            .RequireAuthorization(Policies.Operator);

        // Upload and start in one call, for automation.
        api.MapPost("/backfills/legacy", async (bool? dryRun, HttpContext http, BackfillService backfills, CancellationToken ct) =>
            {
                var stored = await ReceiveAsync(http, backfills, ct);
                return stored.Problem ?? await StartAsync(http, backfills, stored.ImportId, dryRun ?? false, ct);
            })
            .RequireAuthorization(Policies.Operator);

        api.MapGet("/backfills", async (string? q, string? sort, bool? desc, int? skip, int? take, BackfillService backfills, CancellationToken ct) =>
            {
                var page = await backfills.ListAsync(new ImportListQuery(q, sort, desc ?? true, skip ?? 0, take ?? 20), ct);
                return Results.Ok(new { total = page.Total, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/backfills/{id:long}", async (long id, BackfillService backfills, CancellationToken ct) =>
                await backfills.GetAsync(id, ct) is { } detail
                    ? Results.Ok(new
                    {
                        import = detail.Import,
                        outcomes = detail.Outcomes,
                        latestRun = detail.Runs.Count > 0 ? detail.Runs[0] : null,
                        runs = detail.Runs,
                    })
                    : NotFound(id))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/backfills/{id:long}/preview", async (long id, BackfillService backfills, CancellationToken ct) =>
            {
                try
                {
                    return await backfills.PreviewAsync(id, ct) is { } preview ? Results.Ok(PreviewDto.From(preview)) : NotFound(id);
                }
                catch (UploadedFileChangedException ex)
                {
                    return FileChanged(ex);
                }
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapPut("/backfills/{id:long}/columns", async (long id, Dictionary<string, string>? map, BackfillService backfills, HttpContext http, CancellationToken ct) =>
                await backfills.SetColumnMapAsync(http.User, id, map ?? [], ct) is { } problem
                    ? Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Mapping not saved")
                    : Results.NoContent())
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/backfills/{id:long}/run", async (long id, RunBody? body, BackfillService backfills, HttpContext http, CancellationToken ct) =>
                await StartAsync(http, backfills, id, body?.DryRun ?? false, ct))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/backfills/{id:long}/revert", async (long id, BackfillService backfills, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await backfills.RevertAsync(http.User, id, ct));
                }
                catch (KeyNotFoundException)
                {
                    return NotFound(id);
                }
                catch (RevertConflictException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Not reverted");
                }
                catch (Npgsql.PostgresException ex) when (ex.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.ForeignKeyViolation or Npgsql.PostgresErrorCodes.SerializationFailure)
                {
                    // Nothing was changed (one transaction); someone's change since stands in the way.
                    return Results.Problem($"The import cannot be reverted as it stands: {ex.MessageText}", statusCode: StatusCodes.Status409Conflict, title: "Not reverted");
                }
                catch (UnauthorizedAccessException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/backfills/{id:long}/rows/{row:int}/conflicts/{field}/take", async (long id, int row, string field, BackfillService backfills, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    return Results.Ok(await backfills.TakeConflictAsync(http.User, id, row, field, ct));
                }
                catch (KeyNotFoundException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
                }
                catch (ConflictRefusedException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Not taken");
                }
                catch (Npgsql.PostgresException ex) when (ex.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation)
                {
                    return Results.Problem($"The value cannot be taken: another person of the company has it ({ex.MessageText}).", statusCode: StatusCodes.Status409Conflict, title: "Not taken");
                }
                catch (UnauthorizedAccessException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapGet("/backfills/{id:long}/rows", async (long id, string? status, string? q, string? sort, bool? desc, int? skip, int? take, BackfillService backfills, CancellationToken ct) =>
            {
                if (status is not null && !ResolutionStatus.All.Contains(status))
                {
                    return Results.Problem($"Unknown outcome '{status}'. Use {string.Join(", ", ResolutionStatus.All)}.", statusCode: 400, title: "Bad filter");
                }

                var page = await backfills.OutcomesAsync(id, new OutcomeQuery(status, q, sort, desc ?? false, skip ?? 0, take ?? 50), ct);
                return Results.Ok(new { total = page.Total, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/backfills/{id:long}/rows.csv", async (long id, string[]? status, HttpContext http, BackfillService backfills, CancellationToken ct) =>
            {
                string[] statuses = status is { Length: > 0 } ? status : [ResolutionStatus.Error, ResolutionStatus.Unresolved];
                if (statuses.FirstOrDefault(s => !ResolutionStatus.All.Contains(s)) is { } unknown)
                {
                    return Results.Problem($"Unknown outcome '{unknown}'. Use {string.Join(", ", ResolutionStatus.All)}.", statusCode: 400, title: "Bad filter");
                }

                if (await backfills.GetAsync(id, ct) is null)
                {
                    return NotFound(id);
                }

                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"import-{id}-{string.Join("-", statuses)}.csv\"";
                await backfills.ExportAsync(id, statuses, http.Response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapReviewApi();
    }

    private static void MapReviewApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/review", async (
                string? issueType, string? level, decimal? minConfidence, decimal? maxConfidence, long? importId, string? state, string? q,
                string? sort, bool? desc, int? skip, int? take, ReviewService review, CancellationToken ct) =>
            {
                if (state is not (null or "open" or "resolved" or "all"))
                {
                    return Results.Problem("state must be open (the default), resolved or all.", statusCode: 400, title: "Bad filter");
                }

                bool? resolved = state switch { "resolved" => true, "all" => null, _ => false };
                var page = await review.SearchAsync(new ReviewQuery(issueType, level, minConfidence, maxConfidence, importId, resolved, q, sort, desc ?? false, skip ?? 0, take ?? 50), ct);
                return Results.Ok(new { total = page.Total, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/review/{id:long}", async (long id, ReviewService review, CancellationToken ct) =>
                await review.GetAsync(id, ct) is { } detail
                    ? Results.Ok(new
                    {
                        item = detail.Item,
                        cells = detail.Cells.ToDictionary(c => c.Column, c => c.Value),
                        incoming = detail.Incoming,
                        detail.CompanyId,
                        candidates = detail.Candidates.Select(c => new { c.Id, c.Score, c.Reason, c.Exists, c.Label, fields = c.Fields.Select(f => new { f.Field, f.Incoming, f.Existing, comparison = f.Comparison.ToString() }) }),
                        detail.Note,
                    })
                    : Results.Problem($"There is no review item {id}.", statusCode: 404, title: "Not found"))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/review/{id:long}/resolve", async (long id, ResolveBody? body, ReviewService review, HttpContext http, CancellationToken ct) =>
            {
                if (ParseAction(body?.Action) is not { } action)
                {
                    return BadAction();
                }

                try
                {
                    return Results.Ok(await review.ResolveAsync(http.User, id, action, body!.CandidateId, body.Note, ct));
                }
                catch (KeyNotFoundException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 404, title: "Not found");
                }
                catch (ReviewConflictException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 409, title: "Not resolved");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/review/resolve", async (BulkResolveBody? body, ReviewService review, HttpContext http, CancellationToken ct) =>
            {
                if (ParseAction(body?.Action) is not { } action)
                {
                    return BadAction();
                }

                try
                {
                    var filter = new ReviewQuery(body!.IssueType, body.Level, body.MinConfidence, body.MaxConfidence, body.ImportId, false, body.Q);
                    return Results.Ok(await review.ResolveManyAsync(http.User, filter, action, body.Note, ct));
                }
                catch (ReviewConflictException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 400, title: "Not resolved");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/review/{id:long}/reopen", async (long id, ReviewService review, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    await review.ReopenAsync(http.User, id, ct);
                    return Results.NoContent();
                }
                catch (KeyNotFoundException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 404, title: "Not found");
                }
                catch (ReviewConflictException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 409, title: "Not reopened");
                }
            })
            .RequireAuthorization(Policies.Operator);
    }

    /// <summary>link | create | dismiss.</summary>
    public static ReviewAction? ParseAction(string? action) => action?.ToLowerInvariant() switch
    {
        "link" => ReviewAction.Link,
        "create" or "create_new" => ReviewAction.CreateNew,
        "dismiss" => ReviewAction.Dismiss,
        _ => null,
    };

    private static IResult BadAction() =>
        Results.Problem("action must be link (with candidateId), create or dismiss (with a note).", statusCode: 400, title: "Bad action");

    private static IResult NotFound(long id) => Results.Problem($"There is no backfill import {id}.", statusCode: 404, title: "Not found");

    private static IResult FileChanged(UploadedFileChangedException ex) => Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Upload changed");

    private static async Task<IResult> StartAsync(HttpContext http, BackfillService backfills, long importId, bool dryRun, CancellationToken ct)
    {
        try
        {
            var source = http.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? TriggerSource.Api : TriggerSource.User;
            var runId = await backfills.StartAsync(http.User, importId, dryRun, source, ct);
            return Results.Accepted($"/api/backfills/{importId}", new { importId, runId, dryRun });
        }
        catch (UploadRejectedException ex)
        {
            return Results.Problem(ex.Message, statusCode: 400, title: "Not started");
        }
        catch (JobAlreadyActiveException ex)
        {
            return Results.Problem(ex.Message, statusCode: 409, title: "An import is already running");
        }
        catch (UploadedFileChangedException ex)
        {
            return FileChanged(ex);
        }
    }

    private sealed record Stored(long ImportId, IResult? Problem);

    /// <summary>Streams the first file part of a multipart body to the upload store; nothing is buffered in memory.</summary>
    private static async Task<Stored> ReceiveAsync(HttpContext http, BackfillService backfills, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the multipart framing around a file of the maximum size; the service enforces the file's own limit.
            limit.MaxRequestBodySize = backfills.MaxUploadBytes + (1 << 20);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return new Stored(0, Results.Problem("Send the CSV as multipart/form-data with a file part.", statusCode: 415, title: "Not a file upload"));
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload.csv";
                try
                {
                    return new Stored(await backfills.UploadAsync(http.User, fileName, section.Body, ct), null);
                }
                catch (UploadRejectedException ex)
                {
                    return new Stored(0, Results.Problem(ex.Message, statusCode: ex.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, title: "Upload rejected"));
                }
            }
        }

        return new Stored(0, Results.Problem("The request has no file part.", statusCode: 400, title: "No file"));
    }

    public sealed record RunBody(bool DryRun);

    public sealed record ResolveBody(string? Action, string? CandidateId, string? Note);

    public sealed record BulkResolveBody(
        string? Action, string? Note, string? IssueType, string? Level, decimal? MinConfidence, decimal? MaxConfidence, long? ImportId, string? Q);

    /// <summary>The preview: the header, the first rows, and the whole-file check (problems with counts and examples; issues are those examples).</summary>
    private sealed record PreviewDto(
        IReadOnlyList<string> Headers, IReadOnlyDictionary<string, int> Columns, IReadOnlyList<string> Unmapped, IReadOnlyList<string> MissingRequired,
        IReadOnlyList<LegacyRepeatedColumn> Repeated, string? FileNotice, IReadOnlyList<object> Rows, int TotalRows, int RowsWithErrors, int RowsWithWarnings,
        IReadOnlyList<LegacyPreviewProblem> Problems, IReadOnlyList<LegacyValidationIssue> Issues, int Errors, int Warnings)
    {
        public static PreviewDto? From(LegacyCsvPreview? preview) => preview is null ? null : new(
            preview.Header.Headers, preview.Header.Columns, preview.Header.Unmapped, preview.Header.MissingRequired, preview.Header.Repeated, preview.FileNotice,
            preview.Rows.Select(r => (object)new { r.RowNumber, r.Cells, normalized = r.Normalized, r.Error }).ToList(),
            preview.TotalRows, preview.RowsWithErrors, preview.RowsWithWarnings, preview.Problems, preview.Issues, preview.ErrorCount, preview.WarningCount);
    }
}
