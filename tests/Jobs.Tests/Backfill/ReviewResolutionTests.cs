using System.Text;
using Npgsql;
using Portal.Jobs.Backfill;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>Resolving review items goes through the import's own logic (locks, baselines, log), and every resolution can be undone.</summary>
public sealed class ReviewResolutionTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;
    private long importId;

    private LegacyBackfillImporter Importer => new(dataSource);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = database.CreateDataSource();
        await ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES
              ('C-ACME', 'Acme Corporation', 'acme.com'), ('C-WONKA', 'Wonka Tyrell Group', NULL);
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title, email, locked_fields) VALUES
              ('P-ROBERT', 'C-ACME', 'Robert Johnson', 'Robert', 'Johnson', 'CFO', 'rj@acme.com', '{}'),
              ('P-PIA', 'C-ACME', 'Pia Chen', 'Pia', 'Chen', 'Controller', NULL, '{title}');
            """);
        importId = await ScalarAsync<long>("INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('r.csv', 'x', 0, false, 0, 'test') RETURNING id");
        // Row 1: person review ("Bob Johnson" vs "Robert Johnson" at Acme, 0.80); row 2: person review against a locked title;
        // row 3: company review ("Wonka Tyrel Grp" vs "Wonka Tyrell Group", no domain).
        var csv = """
            company_name,company_domain,full_name,title,email,historical_open_count,historical_reply_count
            Acme Corp,acme.com,Bob Johnson,VP Finance,bob.johnson@acme.com,20,2
            Acme Corp,acme.com,Pia Chan,Chief Financial Officer,,0,0
            Wonka Tyrel Grp,,Charlie Bucket,CEO,charlie@wonka.test,0,0
            """;
        var summary = await Importer.ImportAsync(importId, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BackfillImportOptions(), null, CancellationToken.None);
        summary.Unresolved.ShouldBe(3);
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task LinkingAPerson_NeverDegradesIt_KeepsTheRefusedValuesAsConflicts_WritesBaselines_AndInitializesTheLogRow()
    {
        var item = await ItemOfRowAsync(1);

        var outcome = await Importer.ResolveAsync(item, ReviewAction.Link, "P-ROBERT", null, "reviewer", new BackfillImportOptions(), CancellationToken.None);

        outcome.Resolution.ShouldBe(ReviewResolutions.Linked);
        outcome.PersonId.ShouldBe("P-ROBERT");
        // A reviewer's link is fuzzy evidence: the other name, title and address are offered, not written.
        (await ScalarAsync<string>("SELECT full_name || '/' || title || '/' || email FROM marketing.people_master WHERE unique_id = 'P-ROBERT'")).ShouldBe("Robert Johnson/CFO/rj@acme.com");
        (await ScalarAsync<string>($"SELECT string_agg(c ->> 'field' || '=' || (c ->> 'offered'), ',' ORDER BY c ->> 'field') FROM backfill_log, jsonb_array_elements(actions_taken -> 'conflicts') c WHERE import_id = {importId} AND row_number = 1"))
            .ShouldBe("email=bob.johnson@acme.com,first_name=Bob,full_name=Bob Johnson,title=VP Finance");
        (await ScalarAsync<string>($"SELECT resolution_status || '/' || matched_person_id FROM backfill_log WHERE import_id = {importId} AND row_number = 1")).ShouldBe("initialized/P-ROBERT");
        (await ScalarAsync<int>("SELECT baseline_score FROM bit_baseline_snapshot WHERE person_unique_id = 'P-ROBERT'")).ShouldBe((20 * 5) + (2 * 30));
        (await ScalarAsync<long>("SELECT count(*) FROM talent_flow_baseline WHERE person_unique_id = 'P-ROBERT'")).ShouldBe(1);
        (await ScalarAsync<string>($"SELECT resolved_by FROM garage.missing_parts WHERE missing_id = {item}")).ShouldBe("reviewer");
    }

    [Fact]
    public async Task LinkingToALockedPerson_LeavesTheLockedFieldAlone_AndATypoOfTheName()
    {
        var item = await ItemOfRowAsync(2);

        var outcome = await Importer.ResolveAsync(item, ReviewAction.Link, "P-PIA", null, "reviewer", new BackfillImportOptions(), CancellationToken.None);

        outcome.Resolution.ShouldBe(ReviewResolutions.Linked);
        (await ScalarAsync<string>("SELECT title || '/' || last_name FROM marketing.people_master WHERE unique_id = 'P-PIA'")).ShouldBe("Controller/Chen");
        (await ScalarAsync<string>($"SELECT actions_taken -> 'skipped_locked_fields' ->> 0 FROM backfill_log WHERE import_id = {importId} AND row_number = 2")).ShouldBe("title");
    }

    [Fact]
    public async Task Undo_RestoresTheFields_RemovesTheBaselines_AndReopensTheItem()
    {
        var item = await ItemOfRowAsync(1);
        await Importer.ResolveAsync(item, ReviewAction.Link, "P-ROBERT", null, "reviewer", new BackfillImportOptions(), CancellationToken.None);

        await Importer.ReopenAsync(item, "reviewer", CancellationToken.None);

        (await ScalarAsync<string>("SELECT title FROM marketing.people_master WHERE unique_id = 'P-ROBERT'")).ShouldBe("CFO");
        (await ScalarAsync<long>("SELECT count(*) FROM bit_baseline_snapshot WHERE person_unique_id = 'P-ROBERT'")).ShouldBe(0);
        (await ScalarAsync<long>("SELECT count(*) FROM talent_flow_baseline WHERE person_unique_id = 'P-ROBERT'")).ShouldBe(0);
        (await ScalarAsync<string>($"SELECT resolution_status FROM backfill_log WHERE import_id = {importId} AND row_number = 1")).ShouldBe("unresolved");
        (await ScalarAsync<bool>($"SELECT resolved FROM garage.missing_parts WHERE missing_id = {item}")).ShouldBeFalse();

        // Reopened, it can be resolved again, differently.
        var again = await Importer.ResolveAsync(item, ReviewAction.CreateNew, null, null, "reviewer", new BackfillImportOptions(), CancellationToken.None);
        again.Resolution.ShouldBe(ReviewResolutions.Created);
        again.PersonId.ShouldNotBe("P-ROBERT");
    }

    [Fact]
    public async Task CreatingANewCompany_ThenUndoing_LeavesNoTrace()
    {
        var item = await ItemOfRowAsync(3);
        var companies = await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master");

        var outcome = await Importer.ResolveAsync(item, ReviewAction.CreateNew, null, null, "reviewer", new BackfillImportOptions(), CancellationToken.None);

        outcome.Resolution.ShouldBe(ReviewResolutions.Created);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master")).ShouldBe(companies + 1);
        (await ScalarAsync<string>($"SELECT full_name FROM marketing.people_master WHERE unique_id = '{outcome.PersonId}'")).ShouldBe("Charlie Bucket");

        await Importer.ReopenAsync(item, "reviewer", CancellationToken.None);

        (await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master")).ShouldBe(companies);
        (await ScalarAsync<long>($"SELECT count(*) FROM marketing.people_master WHERE unique_id = '{outcome.PersonId}'")).ShouldBe(0);
    }

    [Fact]
    public async Task LinkingTheCompany_MatchesThePersonWithinIt()
    {
        var item = await ItemOfRowAsync(3);

        var outcome = await Importer.ResolveAsync(item, ReviewAction.Link, "C-WONKA", null, "reviewer", new BackfillImportOptions(), CancellationToken.None);

        outcome.CompanyId.ShouldBe("C-WONKA");
        (await ScalarAsync<string>($"SELECT company_unique_id FROM marketing.people_master WHERE unique_id = '{outcome.PersonId}'")).ShouldBe("C-WONKA");
    }

    [Fact]
    public async Task Dismissing_NeedsAReason_AndAResolvedItemCannotBeResolvedAgain()
    {
        var item = await ItemOfRowAsync(1);

        await Should.ThrowAsync<ReviewConflictException>(() => Importer.ResolveAsync(item, ReviewAction.Dismiss, null, " ", "reviewer", new BackfillImportOptions(), CancellationToken.None));
        await Importer.ResolveAsync(item, ReviewAction.Dismiss, null, "test data", "reviewer", new BackfillImportOptions(), CancellationToken.None);

        (await ScalarAsync<string>($"SELECT resolution || '/' || resolution_note FROM garage.missing_parts WHERE missing_id = {item}")).ShouldBe("dismissed/test data");
        (await ScalarAsync<string>("SELECT title FROM marketing.people_master WHERE unique_id = 'P-ROBERT'")).ShouldBe("CFO");
        await Should.ThrowAsync<ReviewConflictException>(() => Importer.ResolveAsync(item, ReviewAction.Link, "P-ROBERT", null, "reviewer", new BackfillImportOptions(), CancellationToken.None));
    }

    [Fact]
    public async Task LinkingToSomethingThatIsNotACandidate_IsRefused()
    {
        var item = await ItemOfRowAsync(1);

        var refused = await Should.ThrowAsync<ReviewConflictException>(() => Importer.ResolveAsync(item, ReviewAction.Link, "P-NOBODY", null, "reviewer", new BackfillImportOptions(), CancellationToken.None));

        refused.Message.ShouldContain("not one of the item's candidates");
        (await ScalarAsync<bool>($"SELECT resolved FROM garage.missing_parts WHERE missing_id = {item}")).ShouldBeFalse();
    }

    private Task<long> ItemOfRowAsync(int row) => ScalarAsync<long>($"""
        SELECT m.missing_id FROM garage.missing_parts m JOIN backfill_log l ON l.id = m.backfill_log_id
         WHERE l.import_id = {importId} AND l.row_number = {row}
        """);

    private async Task<T> ScalarAsync<T>(string sql) => (await database.ScalarAsync<T>(sql))!;

    private Task ExecuteAsync(string sql) => database.ExecuteAsync(sql);
}
