using System.Text.Json;
using Portal.Auth;
using Portal.Domain.Runs;
using Portal.Jobs;
using Portal.Jobs.Runs;
using Portal.Jobs.Scheduling;

namespace Portal.Api;

/// <summary>Jobs and runs over HTTP for automation (API key or cookie). Changes need Operator.</summary>
public static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs", async (JobsService jobs, CancellationToken ct) =>
                (await jobs.ListJobsAsync(ct)).Select(JobDto.From))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/jobs/{name}/trigger", async (string name, TriggerBody? body, JobsService jobs, HttpContext http, CancellationToken ct) =>
            {
                var parameters = body?.Parameters is { ValueKind: JsonValueKind.Object } p ? p.GetRawText() : "{}";
                try
                {
                    var runId = await jobs.TriggerAsync(http.User, name, parameters, body?.DryRun ?? false, SourceOf(http), ct);
                    return Results.Accepted($"/api/runs/{runId}", new { runId });
                }
                catch (UnknownJobException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Unknown job");
                }
                catch (JobAlreadyActiveException ex)
                {
                    return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Job already running");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/jobs/{name}/pause", async (string name, ReasonBody? body, JobsService jobs, HttpContext http, CancellationToken ct) =>
                ScheduleResult(await jobs.PauseAsync(http.User, name, body?.Reason ?? "", ct)))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/jobs/{name}/resume", async (string name, ReasonBody? body, JobsService jobs, HttpContext http, CancellationToken ct) =>
                ScheduleResult(await jobs.ResumeAsync(http.User, name, body?.Reason ?? "", ct)))
            .RequireAuthorization(Policies.Operator);

        api.MapPut("/jobs/{name}/schedule", async (string name, ScheduleBody? body, JobsService jobs, HttpContext http, CancellationToken ct) =>
                ScheduleResult(await jobs.RescheduleAsync(http.User, name, body?.Cron ?? "", ct)))
            .RequireAuthorization(Policies.Admin);

        api.MapGet("/cluster", async (JobsService jobs, CancellationToken ct) =>
                (await jobs.ClusterNodesAsync(ct)).Select(n => new { n.InstanceId, n.LastCheckInUtc, n.CheckInInterval, state = n.State.ToString() }))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/runs/stats", async (string? job, string? per, RunStatsService stats, CancellationToken ct) =>
                per is null or "hour"
                    ? Results.Ok(await stats.PerHourAsync(job, DateTimeOffset.UtcNow, ct))
                    : per == "day"
                        ? Results.Ok(await stats.PerDayAsync(job, DateTimeOffset.UtcNow, ct))
                        : Results.Problem("per must be hour or day.", statusCode: 400, title: "Bad parameter"))
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/runs", async (
                string? job, string? status, string? source, string? user, DateTimeOffset? from, DateTimeOffset? to, string? q,
                string? sort, bool? desc, int? skip, int? take, JobsService jobs, CancellationToken ct) =>
            {
                RunStatus? parsedStatus = null;
                if (!string.IsNullOrEmpty(status))
                {
                    if (!Enum.TryParse<RunStatus>(status, ignoreCase: true, out var s))
                    {
                        return Results.Problem($"Unknown status '{status}'. Use queued, running, succeeded, failed or cancelled.", statusCode: 400, title: "Bad filter");
                    }

                    parsedStatus = s;
                }

                var page = await jobs.SearchRunsAsync(new RunQuery(job, parsedStatus, source, user, from, to, q, sort, desc ?? true, skip ?? 0, take ?? 50), ct);
                return Results.Ok(new { total = page.Total, items = page.Items.Select(RunDto.From) });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/runs/{id:long}", async (long id, JobsService jobs, CancellationToken ct) =>
                await jobs.GetRunAsync(id, cancellationToken: ct) is { } detail
                    ? Results.Ok(new { run = RunDto.From(detail.Run), log = detail.LogLines.Select(l => new { l.At, l.Level, l.Message }) })
                    : Results.Problem($"There is no run {id}.", statusCode: 404, title: "Unknown run"))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/runs/{id:long}/cancel", async (long id, JobsService jobs, HttpContext http, CancellationToken ct) =>
                await jobs.CancelAsync(http.User, id, ct) switch
                {
                    CancelRequest.Requested => Results.Accepted($"/api/runs/{id}", new { runId = id, cancelRequested = true }),
                    CancelRequest.NotActive => Results.Problem($"Run {id} has already finished.", statusCode: 409, title: "Run not active"),
                    _ => Results.Problem($"There is no run {id}.", statusCode: 404, title: "Unknown run"),
                })
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/runs/{id:long}/retry", async (long id, JobsService jobs, HttpContext http, CancellationToken ct) =>
            {
                try
                {
                    var runId = await jobs.RetryAsync(http.User, id, SourceOf(http) == TriggerSource.Api ? TriggerSource.Api : TriggerSource.Retry, ct);
                    return Results.Accepted($"/api/runs/{runId}", new { runId, retryOf = id });
                }
                catch (KeyNotFoundException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 404, title: "Unknown run");
                }
                catch (JobAlreadyActiveException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 409, title: "Job already running");
                }
                catch (InvalidOperationException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 409, title: "Run cannot be retried");
                }
            })
            .RequireAuthorization(Policies.Operator);

        api.MapDelete("/runs/{id:long}", async (long id, JobsService jobs, HttpContext http, CancellationToken ct) =>
                await jobs.DeleteRunAsync(http.User, id, ct)
                    ? Results.NoContent()
                    : Results.Problem($"Run {id} does not exist or is still active.", statusCode: 409, title: "Run not deleted"))
            .RequireAuthorization(Policies.Admin);
    }

    private static IResult ScheduleResult(ScheduleChange change) => change switch
    {
        { Succeeded: true } => Results.NoContent(),
        { JobMissing: true } => Results.Problem(change.Error, statusCode: 404, title: "Unknown schedule"),
        _ => Results.Problem(change.Error, statusCode: 400, title: "Invalid request"),
    };

    internal static string SourceOf(HttpContext http) =>
        http.User.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? TriggerSource.Api : TriggerSource.User;

    public sealed record TriggerBody(JsonElement? Parameters, bool? DryRun);

    public sealed record ReasonBody(string? Reason);

    public sealed record ScheduleBody(string? Cron);

    public sealed record JobDto(
        string Name, string Title, string Description, string? Cron, string Schedule, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire,
        bool Paused, string? PauseReason, string? PausedBy, DateTimeOffset? PausedAt, bool Exclusive, bool SupportsDryRun, RunDto? LastRun)
    {
        public static JobDto From(JobSummary job)
        {
            var (definition, schedule) = (job.Definition, job.Schedule);
            return new(
                definition.Name, definition.Title, definition.Description, schedule.Cron, job.ScheduleInWords, schedule.NextFire, schedule.PreviousFire,
                schedule.Paused, schedule.Pause?.Reason, schedule.Pause?.RequestedBy, schedule.Pause?.PausedAtUtc,
                definition.Exclusive, definition.SupportsDryRun, job.LastRun is null ? null : RunDto.From(job.LastRun));
        }
    }

    public sealed record RunDto(
        long Id, string Job, string Status, string TriggerSource, string? TriggeredBy, bool DryRun, long Done, long? Total, string? Message,
        JsonElement? Parameters, JsonElement? Summary, string? Error, string? Node, int Recoveries,
        DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? CancelRequestedAt)
    {
        public static RunDto From(JobRun r) => new(
            r.Id, r.JobName, r.Status.ToDb(), r.TriggerSource, r.TriggeredBy, r.DryRun, r.Done, r.Total, r.Message,
            Parse(r.Parameters), Parse(r.Summary), r.Error, r.Node, r.Recoveries, r.QueuedAt, r.StartedAt, r.FinishedAt, r.CancelRequestedAt);

        private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
    }
}
