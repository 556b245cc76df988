using Microsoft.Extensions.Options;
using Npgsql;
using Portal.Jobs.Configuration;
using Portal.Jobs.Enrichment;
using Portal.Jobs.Enrichment.Providers;
using Portal.Jobs.Runs;
using Portal.Jobs.Slots;
using Portal.TestSupport;

namespace Portal.Jobs.Tests.Enrichment;

/// <summary>A migrated test database with companies whose slots are evaluated, and helpers to run the pipeline on it.</summary>
public abstract class EnrichmentTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        DataSource = Database.CreateDataSource();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Companies C-001… with nobody in them: every slot opens and gets a backfill task.</summary>
    protected async Task AddEmptyCompaniesAsync(int count)
    {
        await ExecuteAsync($"""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain)
            SELECT 'C-' || lpad(n::text, 4, '0'), 'Company ' || n, 'c' || n || '.test' FROM generate_series(1, {count}) n
            """);
    }

    protected async Task EvaluateAsync() =>
        await new SlotEvaluator(DataSource).EvaluateAsync(new SlotEvaluationOptions(), null, (_, _, _) => Task.CompletedTask, CancellationToken.None);

    internal EnrichmentProcessor Processor(IEnrichmentProvider provider, string node = "node-a", TimeSpan? lease = null) =>
        new(DataSource, provider, Options.Create(new EnrichmentOptions { ClaimLease = lease ?? TimeSpan.FromMinutes(5) }), Options.Create(new RunOptions { NodeName = node }), new ConfigStore(Database.ContextFactory()), TimeProvider.System);

    protected async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    protected async Task<long> CountAsync(string sql) => (await Database.ScalarAsync<long?>(sql)) ?? 0;

    protected async Task<List<string>> RowsAsync(string sql)
    {
        var rows = new List<string>();
        await using var command = DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
