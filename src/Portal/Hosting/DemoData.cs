using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Domain.Runs;
using Portal.Jobs.Demo;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Runs;
using Portal.Jobs.Slots;

namespace Portal.Hosting;

/// <summary>
/// Fills an empty development database so every page means something to a newcomer: about 500 companies with
/// people, evaluated three times with two enrichment rounds in between that find nobody for every sixth
/// company, so filled, open, closed-missing, compound and multiple-candidate slots all exist; the remaining
/// searches then pass the enrichment pipeline once (simulated provider).
/// </summary>
public sealed partial class DemoData(NpgsqlDataSource dataSource, SlotEvaluator evaluator, EnrichmentProcessor enrichment, RunStore runs, IOptions<RunOptions> runOptions, ILogger<DemoData> logger)
{
    private const int Companies = 500;
    private static readonly JsonSerializerOptions SummaryJson = new(JsonSerializerDefaults.Web);

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var count = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM marketing.company_master)"))
        {
            if ((bool)(await count.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        var people = await DemoCompanies.GenerateAsync(dataSource, Companies, cancellationToken: cancellationToken);
        for (var round = 0; round < 3; round++)
        {
            await EvaluateAsRunAsync(cancellationToken);
            if (round < 2)
            {
                await DemoCompanies.FinishRoundsAsync(dataSource, everyNth: 6, cancellationToken);
            }
        }

        // The last round's searches go through the pipeline with the simulated provider, so the Enrichment page
        // has found, not-found, low-confidence and failed items (the failures wait in the retry ledger).
        await enrichment.IngestAsync(full: true, cancellationToken);
        long claimed;
        do
        {
            claimed = (await enrichment.ProcessBatchAsync(null, 500, cancellationToken)).Claimed;
        }
        while (claimed > 0);

        LogSeeded(Companies, people);
    }

    // Real evaluations, recorded as runs like any other so the Slots trend and the Runs list show them.
    private async Task EvaluateAsRunAsync(CancellationToken cancellationToken)
    {
        var runId = await runs.CreateAsync(new NewRun(EvaluateCompanySlotsJob.Name, TriggerSource.User, "demo-data", "{}", false, Exclusive: true), cancellationToken);
        await runs.StartAsync(runId, runOptions.Value.NodeName, recovering: false, cancellationToken);
        var summary = await evaluator.EvaluateAsync(new SlotEvaluationOptions(), runId, (_, _, _) => Task.CompletedTask, cancellationToken);
        var json = JsonSerializer.Serialize(summary, SummaryJson);
        await runs.FinishAsync(runId, new RunOutcome(RunStatus.Succeeded, json, Done: summary.CompaniesProcessed, Total: summary.CompaniesProcessed), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Companies} companies and {People} people, evaluated three times")]
    private partial void LogSeeded(int companies, long people);
}
