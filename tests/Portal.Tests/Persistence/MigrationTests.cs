using Microsoft.EntityFrameworkCore;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_ApplyToAnEmptyDatabase_AndCoverTheWholeModel()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        (await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).ShouldBeEmpty();
        db.Database.GetAppliedMigrations().ShouldBe(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().ShouldBeFalse("the model changed without a migration: run tools/Migrations add <Name>");
    }

    [Theory]
    [InlineData("shq", "audit_log")]
    [InlineData("shq", "api_key")]
    [InlineData("ops", "job_run")]
    [InlineData("ops", "job_run_log")]
    [InlineData("identity", "user")]
    public async Task Migrations_CreateTheTablesUnderTheirSchemaNames(string schema, string table)
    {
        await using var database = await TestDatabase.CreateAsync();

        var exists = await database.ScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '{schema}' AND table_name = '{table}')");

        exists.ShouldBeTrue();
    }
}
