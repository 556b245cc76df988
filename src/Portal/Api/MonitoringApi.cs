using Portal.Auth;
using Portal.Domain.Monitoring;
using Portal.Monitoring;

namespace Portal.Api;

/// <summary>Metrics history, alerts and alert rules over HTTP. Acknowledge and silence need Operator; rules need Admin.</summary>
public static class MonitoringApi
{
    public static void MapMonitoringApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/metrics", async (string? name, string? range, MonitoringService monitoring, CancellationToken ct) =>
            {
                if (name is null)
                {
                    var latest = (await monitoring.DashboardAsync(ct)).Latest;
                    return Results.Ok(MetricCatalog.All.Select(m => new { m.Name, m.Title, m.Unit, m.Description, latest = latest.GetValueOrDefault(m.Name) }));
                }

                try
                {
                    var series = await monitoring.SeriesAsync(name.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), range ?? "24h", ct);
                    return Results.Ok(series.Select(s => new { s.Metric.Name, s.Metric.Title, s.Metric.Unit, range = range ?? "24h", points = s.Points }));
                }
                catch (ArgumentException ex)
                {
                    return Results.Problem(ex.Message, statusCode: 400, title: "Bad parameter");
                }
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapGet("/alerts", async (string? state, string? metric, bool? active, int? skip, int? take, MonitoringService monitoring, CancellationToken ct) =>
            {
                if (state is not (null or AlertState.Pending or AlertState.Firing or AlertState.Resolved or "acknowledged" or "silenced"))
                {
                    return Results.Problem("state must be pending, firing, resolved, acknowledged or silenced.", statusCode: 400, title: "Bad filter");
                }

                var page = await monitoring.SearchAlertsAsync(new AlertQuery(state, metric, active, Skip: skip ?? 0, Take: take ?? 50), ct);
                return Results.Ok(new { total = page.Total, items = page.Items });
            })
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/alerts/{id:long}/ack", async (long id, AckBody? body, MonitoringService monitoring, HttpContext http, CancellationToken ct) =>
                await DoneAsync(() => monitoring.AcknowledgeAsync(http.User, id, body?.Comment, ct)))
            .RequireAuthorization(Policies.Operator);

        api.MapPost("/alerts/{id:long}/silence", async (long id, SilenceBody? body, MonitoringService monitoring, HttpContext http, CancellationToken ct) =>
                body?.Until is not { } until
                    ? Results.Problem("Give until (a time) and a reason.", statusCode: 400, title: "Not silenced")
                    : await DoneAsync(() => monitoring.SilenceAsync(http.User, id, until, body.Reason, ct)))
            .RequireAuthorization(Policies.Operator);

        api.MapGet("/alert-rules", async (MonitoringService monitoring, CancellationToken ct) => await monitoring.RulesAsync(ct))
            .RequireAuthorization(Policies.Viewer);

        api.MapPost("/alert-rules/{id:long}/preview", async (long id, RuleBody body, MonitoringService monitoring, CancellationToken ct) =>
                Results.Ok(await monitoring.PreviewRuleAsync(await RuleAsync(monitoring, id, body, ct) ?? new AlertRule { Id = id, Name = "?", Metric = "?", Comparison = "?" }, ct)))
            .RequireAuthorization(Policies.Admin);

        api.MapPut("/alert-rules/{id:long}", async (long id, RuleBody body, MonitoringService monitoring, HttpContext http, CancellationToken ct) =>
                await RuleAsync(monitoring, id, body, ct) is { } rule
                    ? await DoneAsync(() => monitoring.SaveRuleAsync(http.User, rule, ct))
                    : Results.Problem($"There is no rule {id}.", statusCode: 404, title: "Not found"))
            .RequireAuthorization(Policies.Admin);
    }

    private static async Task<AlertRule?> RuleAsync(MonitoringService monitoring, long id, RuleBody body, CancellationToken ct)
    {
        var rule = (await monitoring.RulesAsync(ct)).FirstOrDefault(r => r.Id == id);
        if (rule is null)
        {
            return null;
        }

        rule.Comparison = body.Comparison ?? rule.Comparison;
        rule.WarningThreshold = body.WarningThreshold;
        rule.CriticalThreshold = body.CriticalThreshold;
        rule.ForMinutes = body.ForMinutes ?? rule.ForMinutes;
        rule.Enabled = body.Enabled ?? rule.Enabled;
        return rule;
    }

    private static async Task<IResult> DoneAsync(Func<Task<string?>> action)
    {
        try
        {
            return await action() is { } problem ? Results.Problem(problem, statusCode: 400, title: "Not done") : Results.NoContent();
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: 404, title: "Not found");
        }
    }

    public sealed record AckBody(string? Comment);

    public sealed record SilenceBody(DateTimeOffset? Until, string? Reason);

    public sealed record RuleBody(string? Comparison, double? WarningThreshold, double? CriticalThreshold, int? ForMinutes, bool? Enabled);
}
