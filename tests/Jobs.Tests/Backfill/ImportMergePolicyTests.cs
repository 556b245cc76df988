using System.Text;
using Npgsql;
using Portal.Jobs.Backfill;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>An import never degrades an existing record, uses all the evidence, and can be reverted exactly.</summary>
public sealed class ImportMergePolicyTests : IAsyncLifetime
{
    private const string Header = "company_name,company_domain,full_name,title,email,linkedin_url,historical_open_count";

    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    private LegacyBackfillImporter Importer => new(dataSource);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = database.CreateDataSource();
        await database.ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES ('C-ACME', 'Acme Corporation', 'acme.com');
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title, email, linkedin_url) VALUES
              ('P-PIA', 'C-ACME', 'Pia Khan', 'Pia', 'Khan', 'Controller', 'pia.khan@acme.com', NULL),
              ('P-LEE', 'C-ACME', 'J. Lee', 'J.', 'Lee', NULL, 'lee@gmail.com', 'https://www.linkedin.com/in/jlee');
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    private static readonly string[] Rows =
    [
        // 1: Pia by name only (fuzzy): her work email, title and name stay; the personal address and other title are conflicts.
        "Acme,acme.com,Pia Khan,Finance Director,pia@gmail.com,,1",
        // 2: Pia by her email (exact): a typo of her name is refused, her title changes on exact evidence.
        "Acme,acme.com,Pia Khae,Chief Financial Officer,pia.khan@acme.com,,2",
        // 3: Lee by LinkedIn (exact): the fuller agreeing name and the work address at the company's domain replace what is there.
        "Acme,acme.com,Jordan Lee,VP People,jordan.lee@acme.com,linkedin.com/in/jlee,3",
        // 4: a first name only, with someone it fits at the company: review, never a new person.
        "Acme,acme.com,Pia,,,,4",
        // 5: no company name, but the domain names the company.
        ",acme.com,Zed Zulu,CTO,zed.zulu@acme.com,,5",
        // 6: a vague company name, but the email names a known person, and so the company.
        "Some Holding Or Other,,Pia Khan,,pia.khan@acme.com,,6",
        // 7: no company name and nothing else that names one: an error naming the column.
        ",,Nobody Known,,,,7",
    ];

    private async Task<(long Import, BackfillImportSummary Summary)> ImportAsync(params string[] rows)
    {
        var import = await database.ScalarAsync<long>("INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('m.csv', 'x', 0, false, 0, 'test') RETURNING id");
        var csv = Header + "\n" + string.Join("\n", rows) + "\n";
        var summary = await Importer.ImportAsync(import, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BackfillImportOptions { BatchSize = 2 }, null, CancellationToken.None);
        return (import, summary);
    }

    private Task<string?> PersonAsync(string id) =>
        database.ScalarAsync<string>($"SELECT full_name || '|' || coalesce(title, '-') || '|' || coalesce(email, '-') FROM marketing.people_master WHERE unique_id = '{id}'");

    private Task<string?> ConflictsAsync(long import, int row) => database.ScalarAsync<string>($"""
        SELECT string_agg(c ->> 'field' || '=' || (c ->> 'offered'), ',' ORDER BY c ->> 'field')
          FROM backfill_log, jsonb_array_elements(actions_taken -> 'conflicts') c WHERE import_id = {import} AND row_number = {row}
        """);

    private Task<string?> LogAsync(long import, int row, string columns) =>
        database.ScalarAsync<string>($"SELECT {columns} FROM backfill_log WHERE import_id = {import} AND row_number = {row}");

    [Fact]
    public async Task Import_NeverDegradesAnExistingPerson_AndLogsWhatItRefused()
    {
        var (import, summary) = await ImportAsync(Rows);

        (await PersonAsync("P-PIA")).ShouldBe("Pia Khan|CFO|pia.khan@acme.com");
        (await PersonAsync("P-LEE")).ShouldBe("Jordan Lee|VP People|jordan.lee@acme.com");
        (await ConflictsAsync(import, 1)).ShouldBe("email=pia@gmail.com,title=Finance Director");
        (await ConflictsAsync(import, 2)).ShouldBe("full_name=Pia Khae,last_name=Khae");
        (await LogAsync(import, 3, "(SELECT c ->> 'field' || ': ' || (c ->> 'from') || ' -> ' || (c ->> 'to') || ' at ' || ((c ->> 'at')::timestamptz <= now())::text FROM jsonb_array_elements(actions_taken -> 'changes') c LIMIT 1)"))
            .ShouldBe("full_name: J. Lee -> Jordan Lee at true");
        summary.ConflictsKept.ShouldBe(4);
        (await database.ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE full_name IN ('Pia Khae', 'Pia')")).ShouldBe(0);
    }

    [Fact]
    public async Task Import_UsesAllTheEvidence_ForTheCompany_AndSendsAThinNameToReview()
    {
        var (import, _) = await ImportAsync(Rows);

        (await LogAsync(import, 4, "resolution_status")).ShouldBe("unresolved");
        (await LogAsync(import, 5, "resolution_status || '/' || matched_company_id")).ShouldBe("initialized/C-ACME");
        (await database.ScalarAsync<string>("SELECT company_unique_id FROM marketing.people_master WHERE email = 'zed.zulu@acme.com'")).ShouldBe("C-ACME");
        (await LogAsync(import, 6, "matched_company_id || '/' || matched_person_id || '/' || (actions_taken -> 'company' ->> 'match_type')")).ShouldBe("C-ACME/P-PIA/perfect");
        (await database.ScalarAsync<long>("SELECT count(*) FROM marketing.company_master")).ShouldBe(1);
        (await LogAsync(import, 7, "resolution_status || ': ' || error_message"))!.ShouldStartWith("error: company_name is blank");
    }

    [Fact]
    public async Task Revert_RestoresEveryFieldTheImportChanged_RemovesWhatItCreated_AndListsWhatAPersonChangedSince()
    {
        var (import, _) = await ImportAsync(Rows);
        // Someone corrects Lee's title after the import: the revert must leave it.
        await database.ExecuteAsync("UPDATE marketing.people_master SET title = 'Chief People Officer' WHERE unique_id = 'P-LEE'");

        var outcome = await Importer.RevertAsync(import, "operator", CancellationToken.None);

        (await PersonAsync("P-PIA")).ShouldBe("Pia Khan|Controller|pia.khan@acme.com");
        (await PersonAsync("P-LEE")).ShouldBe("J. Lee|Chief People Officer|lee@gmail.com");
        (await database.ScalarAsync<string>("SELECT first_name FROM marketing.people_master WHERE unique_id = 'P-LEE'")).ShouldBe("J.");
        (await database.ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE email = 'zed.zulu@acme.com'")).ShouldBe(0);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM bit_baseline_snapshot WHERE import_id = {import}")).ShouldBe(0);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM bit_signal WHERE metadata ->> 'import_id' = '{import}'")).ShouldBe(0);
        (await database.ScalarAsync<long>($"SELECT count(*) FROM garage.missing_parts WHERE import_id = {import} AND NOT resolved")).ShouldBe(0);
        outcome.Skipped.ShouldHaveSingleItem().ShouldBe(new RevertSkip("P-LEE", "title", "VP People", "Chief People Officer", "changed since the import"));
        outcome.PeopleRemoved.ShouldBe(1);
        (await database.ScalarAsync<string>($"SELECT reverted_by FROM ops.backfill_import WHERE id = {import}")).ShouldBe("operator");
        await Should.ThrowAsync<RevertConflictException>(() => Importer.RevertAsync(import, "operator", CancellationToken.None));

        // What was reverted is no longer in the data: the same file imports again, not as duplicates.
        var (_, again) = await ImportAsync(Rows);
        again.Duplicates.ShouldBe(0);
        (await PersonAsync("P-PIA")).ShouldBe("Pia Khan|CFO|pia.khan@acme.com");
    }

    [Fact]
    public async Task TwoConcurrentImportsOfOneFile_CreateEachPersonOnce_AndAccountForEveryRow()
    {
        var rows = Enumerable.Range(1, 30).Select(i => $"Newco {i},newco{i}.test,Person Number{i},CEO,p{i}@newco{i}.test,,{i}").ToArray();

        var both = await Task.WhenAll(ImportAsync(rows), ImportAsync(rows));

        (await database.ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE email LIKE '%@newco%'")).ShouldBe(30);
        foreach (var (import, _) in both)
        {
            (await database.ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(30);
        }
    }

    [Fact]
    public async Task BadBytes_Nuls_AnOverlongCell_AndFormulas_AreFlaggedOnTheirRowAndColumn_AndEveryRowHasAnOutcome()
    {
        var lines = new[]
        {
            "Acme,acme.com,Ann B\u00FFad,CTO,ann@acme.com,,1",
            "Acme,acme.com,Nu\u0000ll Person,CTO,nul@acme.com,,1",
            $"Acme,acme.com,Long Title,{new string('t', 20_000)},long@acme.com,,1",
            "\"=SUM(A1:A9)\",acme.com,Eve Fórmula,CEO,eve@acme.com,,1",
        };
        var text = Header + "\n" + string.Join("\n", lines) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        // The \u00FF above is written as one byte that is not UTF-8 (a Windows-1252 ÿ) in an otherwise UTF-8 file.
        var marker = Encoding.UTF8.GetBytes("\u00FF");
        var at = bytes.AsSpan().IndexOf(marker);
        bytes = [.. bytes[..at], 0xFF, .. bytes[(at + marker.Length)..]];
        var import = await database.ScalarAsync<long>("INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('f.csv', 'x', 0, false, 0, 'test') RETURNING id");

        var summary = await Importer.ImportAsync(import, new MemoryStream(bytes), new BackfillImportOptions(), null, CancellationToken.None);

        (await database.ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(4);
        var flags = await database.ScalarAsync<string>($"""
            SELECT string_agg(row_number || ':' || (f ->> 'column') || ':' || (f ->> 'kind'), ',' ORDER BY row_number)
              FROM backfill_log, jsonb_array_elements(actions_taken -> 'flags') f WHERE import_id = {import}
            """);
        flags.ShouldBe("1:full_name:invalid_utf8,2:full_name:nul_byte,3:title:overlong_cell,4:company_name:formula_like");
        summary.Flags.ShouldBe(new Dictionary<string, long> { ["invalid_utf8"] = 1, ["nul_byte"] = 1, ["overlong_cell"] = 1, ["formula_like"] = 1 }, ignoreOrder: true);
        (await database.ScalarAsync<string>("SELECT full_name FROM marketing.people_master WHERE email = 'nul@acme.com'")).ShouldBe("Null Person");
    }

    [Fact]
    public async Task TakingARefusedValue_WritesItAsAHandCorrection_ThatALaterImportNeverOverwrites()
    {
        var (import, _) = await ImportAsync(Rows);

        var taken = await Importer.TakeConflictAsync(import, 1, "email", "reviewer", CancellationToken.None);

        taken.ShouldBe(new ConflictTaken("P-PIA", "email", "pia.khan@acme.com", "pia@gmail.com"));
        (await database.ScalarAsync<string>("SELECT email || '/' || manually_corrected_email FROM marketing.people_master WHERE unique_id = 'P-PIA'")).ShouldBe("pia@gmail.com/true");
        (await LogAsync(import, 1, "(SELECT c ->> 'taken_by' FROM jsonb_array_elements(actions_taken -> 'conflicts') c WHERE c ->> 'field' = 'email')")).ShouldBe("reviewer");
        await Should.ThrowAsync<ConflictRefusedException>(() => Importer.TakeConflictAsync(import, 1, "email", "reviewer", CancellationToken.None));
        await Should.ThrowAsync<KeyNotFoundException>(() => Importer.TakeConflictAsync(import, 3, "email", "reviewer", CancellationToken.None));

        // A later row with exact evidence and a work address at the domain: the hand correction stands.
        await ImportAsync("Acme,acme.com,Pia Khan,,pia@gmail.com,,9", "Acme,acme.com,Pia Khan,,pia.k@acme.com,https://linkedin.com/in/piak,9");
        (await database.ScalarAsync<string>("SELECT email FROM marketing.people_master WHERE unique_id = 'P-PIA'")).ShouldBe("pia@gmail.com");
    }

    [Fact]
    public async Task TheCompanyPage_ListsWhatImportsChangedItsPeople_OldToNew_AndWhichImportWasReverted()
    {
        var (import, _) = await ImportAsync(Rows);
        await Importer.RevertAsync(import, "operator", CancellationToken.None);
        var (again, _) = await ImportAsync(Rows);

        var detail = await new Portal.Jobs.Slots.CompanyDirectory(database.ContextFactory()).GetAsync("C-ACME", CancellationToken.None);

        var lee = detail!.ImportChanges.Where(c => c.PersonId == "P-LEE" && c.Field == "full_name").ToList();
        lee.Select(c => (c.ImportId, c.From, c.To, c.Reverted)).ShouldBe([(again, "J. Lee", "Jordan Lee", false), (import, "J. Lee", "Jordan Lee", true)]);
    }
}
