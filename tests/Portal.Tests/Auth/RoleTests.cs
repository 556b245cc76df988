using System.Net;
using System.Net.Http.Json;
using Shouldly;

namespace Portal.Tests.Auth;

public sealed class RoleTests(PortalApp app)
{
    [Fact]
    public async Task Viewer_CanRead_ButCannotTriggerJobsOrOpenAdminPages()
    {
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);

        (await viewer.GetAsync("/api/jobs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewer.GetAsync("/runs", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viewer.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await viewer.PostAsync("/api/runs/1/cancel", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        foreach (var adminPage in new[] { "/settings", "/audit" })
        {
            var response = await viewer.GetAsync(adminPage, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, adminPage);
            response.Headers.Location!.AbsolutePath.ShouldBe("/account/denied", adminPage);
        }
    }

    [Fact]
    public async Task Operator_CanTriggerJobs_ButCannotOpenAdminPages()
    {
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);

        var trigger = await @operator.PostAsJsonAsync("/api/jobs/demo-count/trigger", new { parameters = new { count = 1, delayMs = 0 } }, TestContext.Current.CancellationToken);

        trigger.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await @operator.GetAsync("/settings", TestContext.Current.CancellationToken)).Headers.Location!.AbsolutePath.ShouldBe("/account/denied");
    }

    [Fact]
    public async Task Admin_OpensSettingsAndAudit()
    {
        using var admin = await app.SignedInAsync(PortalApp.AdminEmail);

        (await admin.GetAsync("/settings", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/audit", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
