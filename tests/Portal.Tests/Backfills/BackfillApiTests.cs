using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Backfills;
using Portal.Tests.Api;
using Shouldly;

namespace Portal.Tests.Backfills;

/// <summary>
/// Upload → preview → run → outcomes → review over HTTP, on the real host. One class, so its imports (which run
/// one at a time) never race each other.
/// </summary>
public sealed class BackfillApiTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_ShowsPreviewAndValidation_ThenTheRunGivesEveryRowAnOutcome_AndTheDownloadIsSafe()
    {
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var csv = """
            Company,Website,Name,Job Title,E-mail,Opens,Replies,Meetings,Favourite colour
            "ACME CORPORATION, INC.",https://www.Acme.com/about,"Mr. JOHN SMITH, Jr.",v.p. of hr operations,"John.Smith@acme.com; jsmith@gmail.com",10,2,1,blue
            "=HYPERLINK(""http://evil"")",,Eve Formula,CFO,eve@formula.test,0,0,0,red
            Too,Few
            """;

        var upload = await UploadAsync(client, "/api/backfills/uploads", "legacy.csv", csv);

        upload.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await upload.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var importId = body.GetProperty("importId").GetInt64();
        var preview = body.GetProperty("preview");
        preview.GetProperty("columns").GetProperty("full_name").GetInt32().ShouldBe(2);
        preview.GetProperty("unmapped")[0].GetString().ShouldBe("Favourite colour");
        preview.GetProperty("rows")[0].GetProperty("normalized").GetProperty("companyName").GetString().ShouldBe("Acme");
        preview.GetProperty("issues").EnumerateArray().ShouldContain(i => i.GetProperty("rowNumber").GetInt32() == 3 && i.GetProperty("severity").GetString() == "error");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM public.backfill_log WHERE import_id = {importId}")).ShouldBe(0, "a preview writes nothing");

        var start = await client.PostAsJsonAsync($"/api/backfills/{importId}/run", new { dryRun = false }, Ct);
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var runId = (await start.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        var run = await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() is "succeeded" or "failed");
        run.GetProperty("status").GetString().ShouldBe("succeeded");

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/backfills/{importId}", Ct);
        detail.GetProperty("outcomes").GetProperty("initialized").GetInt64().ShouldBe(2);
        detail.GetProperty("outcomes").GetProperty("error").GetInt64().ShouldBe(1);
        var summary = detail.GetProperty("latestRun").GetProperty("summary");
        summary.GetProperty("rowsLoaded").GetInt64().ShouldBe(3);
        summary.GetProperty("peopleCreated").GetInt64().ShouldBe(2);

        var errors = await client.GetFromJsonAsync<JsonElement>($"/api/backfills/{importId}/rows?status=error", Ct);
        errors.GetProperty("total").GetInt32().ShouldBe(1);
        errors.GetProperty("items")[0].GetProperty("error").GetString()!.ShouldContain("wrong column count");

        var export = await client.GetStringAsync($"/api/backfills/{importId}/rows.csv?status=initialized&status=error", Ct);
        export.ShouldContain("'=HYPERLINK(\"\"http://evil\"\")");
        export.ShouldNotContain(",=HYPERLINK");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action IN ('backfill.uploaded', 'backfill.started') AND target_id = '{importId}'")).ShouldBe(2);
    }

    [Fact]
    public async Task Review_ListsTheUndecidedRow_WithItsCandidates_AndResolvingItIsAuditedAndFinal()
    {
        await app.Database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-REVIEW', 'Reviewco', 'reviewco.test') ON CONFLICT DO NOTHING;
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title)
            VALUES ('P-REVIEW', 'C-REVIEW', 'Robert Johnson', 'Robert', 'Johnson', 'CFO') ON CONFLICT DO NOTHING;
            """);
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var importId = await ImportAsync(client, "company_name,company_domain,full_name,title\nReviewco,reviewco.test,Bob Johnson,VP Finance\nReviewco,reviewco.test,Rob Johnsen,Controller\n");

        var open = await client.GetFromJsonAsync<JsonElement>($"/api/review?importId={importId}", Ct);
        open.GetProperty("total").GetInt32().ShouldBe(2);
        var itemId = open.GetProperty("items")[0].GetProperty("id").GetInt64();
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/review/{itemId}", Ct);
        var candidate = item.GetProperty("candidates")[0];
        candidate.GetProperty("id").GetString().ShouldBe("P-REVIEW");
        candidate.GetProperty("fields").EnumerateArray().ShouldContain(f => f.GetProperty("field").GetString() == "title" && f.GetProperty("comparison").GetString() == "Different");

        var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        (await viewer.PostAsJsonAsync($"/api/review/{itemId}/resolve", new { action = "create" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var resolved = await client.PostAsJsonAsync($"/api/review/{itemId}/resolve", new { action = "link", candidateId = "P-REVIEW" }, Ct);
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resolved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resolution").GetString().ShouldBe("linked");
        (await client.PostAsJsonAsync($"/api/review/{itemId}/resolve", new { action = "create" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action = 'review.resolved' AND target_id = '{itemId}' AND actor = '{PortalApp.OperatorEmail}'")).ShouldBe(1);

        (await client.PostAsJsonAsync("/api/review/resolve", new { action = "dismiss", importId }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var bulk = await client.PostAsJsonAsync("/api/review/resolve", new { action = "dismiss", note = "test rows", importId }, Ct);
        var outcome = await bulk.Content.ReadFromJsonAsync<JsonElement>(Ct);
        outcome.GetProperty("selected").GetInt32().ShouldBe(1);
        outcome.GetProperty("resolved").GetInt32().ShouldBe(1);
        (await client.GetFromJsonAsync<JsonElement>($"/api/review?importId={importId}", Ct)).GetProperty("total").GetInt32().ShouldBe(0);

        (await client.PostAsync($"/api/review/{itemId}/reopen", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<JsonElement>($"/api/review?importId={importId}", Ct)).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task AHeaderTheAliasesDoNotKnow_CanBeMapped_BeforeTheImportStarts()
    {
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var upload = await UploadAsync(client, "/api/backfills/uploads", "odd.csv", "Firma,Nom complet\nMapco,Ann Mapper\n");
        var importId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("importId").GetInt64();

        var refused = await client.PostAsJsonAsync($"/api/backfills/{importId}/run", new { dryRun = true }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("company_name");

        (await client.PutAsJsonAsync($"/api/backfills/{importId}/columns", new Dictionary<string, string> { ["Firma"] = "company_name", ["Nom complet"] = "nonsense" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PutAsJsonAsync($"/api/backfills/{importId}/columns", new Dictionary<string, string> { ["Firma"] = "company_name", ["Nom complet"] = "full_name" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var preview = await client.GetFromJsonAsync<JsonElement>($"/api/backfills/{importId}/preview", Ct);
        preview.GetProperty("missingRequired").GetArrayLength().ShouldBe(0);
        preview.GetProperty("rows")[0].GetProperty("normalized").GetProperty("fullName").GetString().ShouldBe("Ann Mapper");
    }

    [Fact]
    public async Task Uploads_AreRefusedClearly_WhenTooLargeEmptyOrNotAFile_OrTheUserIsAViewer()
    {
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var imports = await app.Database.ScalarAsync<long>("SELECT count(*) FROM ops.backfill_import");

        var tooLarge = await UploadAsync(client, "/api/backfills/uploads", "big.csv", "company_name,full_name\n" + new string('x', PortalApp.MaxUploadBytes));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await UploadAsync(client, "/api/backfills/uploads", "empty.csv", "")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/backfills/uploads", new StringContent("company_name,full_name"), Ct)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        (await UploadAsync(viewer, "/api/backfills/uploads", "v.csv", "company_name,full_name\nA,B\n")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM ops.backfill_import")).ShouldBe(imports);
        Directory.EnumerateFiles(app.UploadDirectory, "*.part").ShouldBeEmpty();
    }

    [Fact]
    public async Task AnUpload_IsPrivate_AndOnceChanged_IsRefusedForPreviewAndRun()
    {
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var upload = await UploadAsync(client, "/api/backfills/uploads", "private.csv", "company_name,full_name\nPrivco,Pia Vate\n");
        var importId = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("importId").GetInt64();
        var path = Path.Combine(app.UploadDirectory, $"import-{importId}.csv");

        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(app.UploadDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        (await client.GetAsync($"/api/backfills/{importId}/preview", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await File.AppendAllTextAsync(path, "Evil,Eve Changed\n", Ct);

        var preview = await client.GetAsync($"/api/backfills/{importId}/preview", Ct);
        preview.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await preview.Content.ReadAsStringAsync(Ct)).ShouldContain("changed since it was uploaded (sha-256");
        var run = await client.PostAsJsonAsync($"/api/backfills/{importId}/run", new { dryRun = false }, Ct);
        run.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await run.Content.ReadAsStringAsync(Ct)).ShouldContain("changed since it was uploaded");
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM ops.job_run WHERE parameters ->> 'importId' = '{importId}'")).ShouldBe(0);
    }

    [Fact]
    public async Task ThePreview_ChecksTheWholeFile()
    {
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var csv = new StringBuilder("company_name,full_name,notes\n");
        for (var i = 1; i <= 30; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(i > 25 ? $"Broken {i}" : $"Company {i},Person {i},ok")}\n");
        }

        var upload = await UploadAsync(client, "/api/backfills/uploads", "whole.csv", csv.ToString());

        var preview = (await upload.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("preview");
        preview.GetProperty("rows").GetArrayLength().ShouldBe(BackfillService.PreviewRows);
        preview.GetProperty("totalRows").GetInt32().ShouldBe(30);
        preview.GetProperty("rowsWithErrors").GetInt32().ShouldBe(5);
        var problem = preview.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("kind").GetString() == "wrong_column_count");
        problem.GetProperty("count").GetInt32().ShouldBe(5);
        problem.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("rowNumber").GetInt32()).ShouldBe([26, 27, 28, 29, 30]);
    }

    [Fact]
    public async Task ThresholdPreview_ReplaysTheLatestImport_UnderEditedThresholds()
    {
        await app.Database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-SPLIT', 'Splitco', 'splitco.test') ON CONFLICT DO NOTHING;
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name)
            VALUES ('P-SPLIT', 'C-SPLIT', 'Margaret Hamilton', 'Margaret', 'Hamilton') ON CONFLICT DO NOTHING;
            """);
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var importId = await ImportAsync(client, "company_name,company_domain,full_name\nSplitco,splitco.test,Meg Hamilton\nSplitco,splitco.test,Zora Quill\n");
        var settings = app.Services.GetRequiredService<ImportSettingsService>();

        var preview = await settings.SplitPreviewAsync("""{ "personAutoMatch": 0.70, "personReview": 0.70 }""", Ct);

        preview.ShouldNotBeNull();
        preview.ImportId.ShouldBe(importId);
        preview.Current!.Review.ShouldBe(await app.Database.ScalarAsync<long>($"SELECT count(*) FROM public.backfill_log WHERE import_id = {importId} AND resolution_status = 'unresolved'"));
        preview.Current.Review.ShouldBeGreaterThan(0);
        preview.Proposed!.Review.ShouldBe(0);
        preview.Proposed.AutoMatch.ShouldBe(preview.Current.AutoMatch + preview.Current.Review);
        preview.Proposed.Total.ShouldBe(2);
        (await settings.SplitPreviewAsync("""{ "personAutoMatch": 0.5, "personReview": 0.9 }""", Ct))!.Problem.ShouldNotBeNull();
    }

    [Fact]
    public async Task TheCommandLine_ImportsAFile_AndFollowsTheRunToItsEnd()
    {
        var path = Path.Combine(app.UploadDirectory, "..", $"cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "company_name,full_name,title\nClico,Carl Line,CEO\nClico,Dana Okafor,CFO\n", Ct);
        try
        {
            using var output = new StringWriter();
            var exit = await BackfillCommand.RunAsync(app.Services, ["import", path], output, Ct);

            exit.ShouldBe(0, output.ToString());
            output.ToString().ShouldContain("people matched 0, created 2");
            output.ToString().ShouldContain("succeeded");
            var runId = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"run (\d+) queued").Groups[1].Value;
            (await app.Database.ScalarAsync<string>($"SELECT trigger_source FROM ops.job_run WHERE id = {runId}")).ShouldBe("cli");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("import")]
    [InlineData("export x.csv")]
    [InlineData("import /no/such/file.csv")]
    [InlineData("import x.csv --fast")]
    public async Task TheCommandLine_ExplainsBadUsage(string commandLine)
    {
        using var output = new StringWriter();

        (await BackfillCommand.RunAsync(app.Services, commandLine.Split(' '), output, Ct)).ShouldBe(2);
        output.ToString().ShouldNotBeEmpty();
    }

    private static async Task<long> ImportAsync(HttpClient client, string csv)
    {
        var response = await UploadAsync(client, "/api/backfills/legacy", "import.csv", csv);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var run = await RunsApi.PollAsync(client, started.GetProperty("runId").GetInt64(), r => r.GetProperty("status").GetString() is "succeeded" or "failed");
        run.GetProperty("status").GetString().ShouldBe("succeeded");
        return started.GetProperty("importId").GetInt64();
    }

    [Fact]
    public async Task Revert_RestoresWhatTheImportChanged_IsAudited_AndIsRefusedToAViewerAndASecondTime()
    {
        await app.Database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-RV', 'Revertco', 'revertco.test') ON CONFLICT DO NOTHING;
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, email, title) VALUES ('P-RV', 'C-RV', 'R. Vance', 'rv@gmail.com', NULL) ON CONFLICT DO NOTHING;
            """);
        var client = await app.SignedInAsync(PortalApp.OperatorEmail);
        var csv = "company_name,company_domain,full_name,email,title\nRevertco,revertco.test,Rita Vance,rv@gmail.com,CFO\nRevertco,revertco.test,New Person,new.person@revertco.test,Engineer\n";
        var importId = (await (await UploadAsync(client, "/api/backfills/uploads", "revert.csv", csv)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("importId").GetInt64();
        var runId = (await (await client.PostAsJsonAsync($"/api/backfills/{importId}/run", new { dryRun = false }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt64();
        (await RunsApi.PollAsync(client, runId, r => r.GetProperty("status").GetString() is "succeeded" or "failed")).GetProperty("status").GetString().ShouldBe("succeeded");
        (await app.Database.ScalarAsync<string>("SELECT full_name || '/' || title FROM marketing.people_master WHERE unique_id = 'P-RV'")).ShouldBe("Rita Vance/CFO");
        var rows = await client.GetFromJsonAsync<JsonElement>($"/api/backfills/{importId}/rows", Ct);
        rows.GetProperty("items")[0].GetProperty("changes").GetArrayLength().ShouldBeGreaterThan(0);

        var viewer = await app.SignedInAsync(PortalApp.ViewerEmail);
        (await viewer.PostAsync($"/api/backfills/{importId}/revert", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var revert = await client.PostAsync($"/api/backfills/{importId}/revert", null, Ct);

        revert.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await revert.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("peopleRemoved").GetInt64().ShouldBe(1);
        (await app.Database.ScalarAsync<string>("SELECT full_name || '/' || coalesce(title, '-') FROM marketing.people_master WHERE unique_id = 'P-RV'")).ShouldBe("R. Vance/-");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE email = 'new.person@revertco.test'")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>($"SELECT count(*) FROM shq.audit_log WHERE action = 'backfill.reverted' AND target_id = '{importId}' AND actor = '{PortalApp.OperatorEmail}'")).ShouldBe(1);
        (await client.PostAsync($"/api/backfills/{importId}/revert", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, string content)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PostAsync(url, form, Ct);
    }
}
