using System.Text;
using System.Text.Json;
using Portal.Domain.Runs;
using Portal.Jobs.Backfill;
using Portal.Jobs.Scheduling;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>The import as a job on a real scheduler node: progress, summary, every row logged.</summary>
public sealed class ImportLegacyBackfillJobTests : IAsyncLifetime
{
    private readonly string uploads = Path.Combine(Path.GetTempPath(), $"uploads-{Guid.NewGuid():N}");
    private TestDatabase database = null!;
    private string csvText = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var csv = new StringBuilder("Company,Website,Name,Email Address,Title,Opens,Replies,Meetings\n");
        var random = new Random(7);
        string Word() => string.Concat(Enumerable.Range(0, 8).Select(k => (char)((k == 0 ? 'A' : 'a') + random.Next(26))));
        for (var i = 1; i <= 40; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Word()} Ltd,https://firm{i}.test,{Word()} {Word()},p{i}@firm{i}.test,ceo,{i},1,0\n");
        }

        csv.Append("broken,row\n");
        csvText = csv.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(uploads))
        {
            Directory.Delete(uploads, recursive: true);
        }
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Job_ImportsTheStoredUpload_WithProgressAndSummary()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(csvText)));
        var import = await database.ScalarAsync<long>(
            $"INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('legacy.csv', '{hash}', 0, false, 0, 'test') RETURNING id");
        var options = new BackfillUploadOptions { UploadDirectory = uploads };
        Directory.CreateDirectory(uploads);
        await File.WriteAllTextAsync(options.UploadPath(import), csvText);
        await using var node = await JobsHost.StartAsync(database, settings: new Dictionary<string, string?> { ["Backfill:UploadDirectory"] = uploads });

        var runId = await node.Triggers.TriggerAsync(new TriggerRequest(
            ImportLegacyBackfillJob.Name, TriggerSource.User, "tester", JsonSerializer.Serialize(new { importId = import, batchSize = 10 })));
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished(), TimeSpan.FromSeconds(60));

        run.Status.ShouldBe(RunStatus.Succeeded, run.Error);
        (run.Done, run.Total).ShouldBe((41L, 41L));
        using var summary = JsonDocument.Parse(run.Summary!);
        summary.RootElement.GetProperty("peopleCreated").GetInt64().ShouldBe(40);
        summary.RootElement.GetProperty("errors").GetInt64().ShouldBe(1);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(41);
        (await database.ScalarAsync<long>($"SELECT run_id FROM ops.backfill_import WHERE id = {import}")).ShouldBe(runId);
    }

    [Fact]
    public async Task Job_ReadsOnlyFromTheUploadDirectory_AndRefusesAnImportWithoutAStoredUpload()
    {
        await using var node = await JobsHost.StartAsync(database, settings: new Dictionary<string, string?> { ["Backfill:UploadDirectory"] = uploads });

        var runId = await node.Triggers.TriggerAsync(new TriggerRequest(ImportLegacyBackfillJob.Name, TriggerSource.User, "tester", "{\"importId\":424242,\"filePath\":\"/etc/passwd\"}"));
        var run = await JobsHost.WaitForRunAsync(database, runId, r => r.Status.IsFinished());

        run.Status.ShouldBe(RunStatus.Failed);
        run.Error!.ShouldContain("has no stored upload");
    }
}
