using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Jobs.Slots;
using Shouldly;

namespace Portal.Tests.Api;

public sealed class SlotsApiTests(PortalApp app)
{
    [Fact]
    public async Task Companies_AreFilteredBySlotStatus_AndSearchedByNameOrDomain()
    {
        var prefix = await ArrangeCompaniesAsync();
        using var client = await app.SignedInAsync(PortalApp.ViewerEmail);

        var byName = await client.GetFromJsonAsync<JsonElement>($"/api/companies?q={prefix}", TestContext.Current.CancellationToken);
        var hrOpen = await client.GetFromJsonAsync<JsonElement>($"/api/companies?q={prefix}&slotType=HR&status=open", TestContext.Current.CancellationToken);
        var byDomain = await client.GetFromJsonAsync<JsonElement>($"/api/companies?q={prefix}-b.test", TestContext.Current.CancellationToken);
        var pending = await client.GetFromJsonAsync<JsonElement>($"/api/companies?q={prefix}&pendingBackfill=false", TestContext.Current.CancellationToken);

        byName.GetProperty("total").GetInt32().ShouldBe(2);
        Names(hrOpen).ShouldBe([$"{prefix} Alpha"]);
        Names(byDomain).ShouldBe([$"{prefix} Beta"]);
        Names(pending).ShouldBe([$"{prefix} Beta"]);
        var alpha = byName.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("companyName").GetString() == $"{prefix} Alpha");
        alpha.GetProperty("ceo").GetProperty("status").GetString().ShouldBe("filled");
        alpha.GetProperty("hr").GetProperty("status").GetString().ShouldBe("open");
        alpha.GetProperty("pendingBackfills").GetInt32().ShouldBe(1);
        (await client.GetAsync("/api/companies?status=lost", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Summary_CountsSlotsPerTypeAgainstTheTargets()
    {
        await ArrangeCompaniesAsync();
        using var client = await app.SignedInAsync(PortalApp.ViewerEmail);

        var summary = await client.GetFromJsonAsync<JsonElement>("/api/slots/summary", TestContext.Current.CancellationToken);

        var perType = summary.GetProperty("perType").EnumerateArray().ToDictionary(t => t.GetProperty("slotType").GetString()!);
        perType.Keys.ShouldBe(["CEO", "CFO", "HR"]);
        perType["CEO"].GetProperty("target").GetDouble().ShouldBe(80);
        perType["CFO"].GetProperty("target").GetDouble().ShouldBe(70);
        perType["HR"].GetProperty("target").GetDouble().ShouldBe(60);
        perType["CEO"].GetProperty("filled").GetInt64().ShouldBeGreaterThanOrEqualTo(2);
        summary.GetProperty("pendingBackfills").GetInt64().ShouldBeGreaterThanOrEqualTo(1);   // at least Alpha's HR slot
    }

    [Fact]
    public async Task CorrectingATitle_LocksIt_IsAudited_AndTheNextEvaluationUsesIt()
    {
        var prefix = await ArrangeCompaniesAsync();
        using var @operator = await app.SignedInAsync(PortalApp.OperatorEmail);
        using var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);

        (await viewer.PostAsJsonAsync($"/api/people/{prefix}-A2/title", new { title = "Head of HR" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await @operator.PostAsJsonAsync($"/api/people/{prefix}-A2/title", new { title = "" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await @operator.PostAsJsonAsync($"/api/people/{prefix}-A2/title", new { title = "Head of HR" }, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await EvaluateAsync();

        var detail = await @operator.GetFromJsonAsync<JsonElement>($"/api/companies/{prefix}-A", TestContext.Current.CancellationToken);
        var person = detail.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("uniqueId").GetString() == $"{prefix}-A2");
        person.GetProperty("title").GetString().ShouldBe("Head of HR");
        person.GetProperty("manuallyCorrectedTitle").GetBoolean().ShouldBeTrue();
        person.GetProperty("lockedFields").EnumerateArray().Select(f => f.GetString()).ShouldContain("title");
        var hr = detail.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("slotType").GetString() == "HR");
        hr.GetProperty("status").GetString().ShouldBe("filled");
        hr.GetProperty("personUniqueId").GetString().ShouldBe($"{prefix}-A2");
        var audit = detail.GetProperty("audit").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "person.title_corrected");
        audit.GetProperty("actor").GetString().ShouldBe(PortalApp.OperatorEmail);
        audit.GetProperty("details").GetString()!.ShouldContain("VP Finance");
    }

    [Fact]
    public async Task Locks_AreToggledAndAudited_OnlyOnLockableFields()
    {
        var prefix = await ArrangeCompaniesAsync();
        using var client = await app.SignedInAsync(PortalApp.OperatorEmail);

        (await client.PostAsync($"/api/people/{prefix}-A1/locks/email", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsync($"/api/people/{prefix}-A1/locks/email", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.PostAsync($"/api/people/{prefix}-A1/locks/salary", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var locked = await LockedFieldsAsync(prefix);
        (await client.DeleteAsync($"/api/people/{prefix}-A1/locks/email", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        locked.ShouldBe("{email}");
        (await LockedFieldsAsync(prefix)).ShouldBe("{}");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE target_id = '{prefix}-A1' AND action IN ('person.field_locked', 'person.field_unlocked')")).ShouldBe(2);
    }

    [Fact]
    public async Task UnknownCompany_Is404() =>
        (await (await app.SignedInAsync(PortalApp.ViewerEmail)).GetAsync("/api/companies/nope", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    private Task<string?> LockedFieldsAsync(string prefix) =>
        app.Database.ScalarAsync<string>($"SELECT locked_fields::text FROM marketing.people_master WHERE unique_id = '{prefix}-A1'");

    /// <summary>Two companies of this test's own: Alpha has a CEO and a finance VP, Beta has its CEO, CFO and HR.</summary>
    private async Task<string> ArrangeCompaniesAsync()
    {
        var prefix = $"T{Guid.NewGuid():N}"[..12];
        await using var db = app.Database.CreateDataSource();
        await using var command = db.CreateCommand($"""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES
              ('{prefix}-A', '{prefix} Alpha', '{prefix}-a.test'), ('{prefix}-B', '{prefix} Beta', '{prefix}-b.test');
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES
              ('{prefix}-A1', '{prefix}-A', 'Ann Able', 'CEO'), ('{prefix}-A2', '{prefix}-A', 'Art Abbot', 'VP Finance'),
              ('{prefix}-B1', '{prefix}-B', 'Bob Bold', 'President'), ('{prefix}-B2', '{prefix}-B', 'Bea Best', 'Controller'),
              ('{prefix}-B3', '{prefix}-B', 'Ben Bright', 'HR Manager');
            """);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await EvaluateAsync();
        return prefix;
    }

    private Task<SlotEvaluationSummary> EvaluateAsync() =>
        app.Services.GetRequiredService<SlotEvaluator>().EvaluateAsync(new SlotEvaluationOptions { Full = false }, null, (_, _, _) => Task.CompletedTask, CancellationToken.None);

    private static List<string?> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("companyName").GetString()).ToList();
}
