using System.Globalization;
using System.Text;
using Npgsql;
using Portal.Jobs.Backfill;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Backfill;

/// <summary>The legacy import against the real schema: every row gets one outcome, locks hold, reviews, duplicates, resume.</summary>
public sealed class LegacyBackfillImporterTests : IAsyncLifetime
{
    private const string Header = "Company,company_domain,Website,Full Name,first_name,last_name,Job Title,E-mail,phone,LinkedIn,Opens,Replies,Meetings,last_engaged_at,notes";

    /// <summary>A trigger that makes the database reject one person, as a constraint would.</summary>
    private const string RejectFailMe = """
        CREATE FUNCTION reject_fail_me() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.full_name = 'Fail Me' THEN RAISE EXCEPTION 'people named Fail Me are not allowed'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER reject_fail_me BEFORE INSERT ON marketing.people_master FOR EACH ROW EXECUTE FUNCTION reject_fail_me();
        """;

    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    private LegacyBackfillImporter Importer => new(dataSource);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = database.CreateDataSource();
        await ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES
              ('C-ACME', 'Acme Corporation', 'acme.com'), ('C-GLOBEX', 'Globex Inc', 'globex.com'), ('C-INITECH', 'Initech LLC', NULL);
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, last_name, title, email, phone,
                   locked_fields, manually_corrected_title, notes_internal) VALUES
              ('P-EXACT', 'C-ACME', 'John Smith', 'John', 'Smith', NULL, 'john.smith@acme.com', NULL, '{}', false, NULL),
              ('P-ROBERT', 'C-ACME', 'Robert Johnson', 'Robert', 'Johnson', 'CFO', 'rj@acme.com', NULL, '{}', false, NULL),
              ('P-LOCK', 'C-GLOBEX', 'Jane Doe', 'Jane', 'Doe', 'Chief People Officer', 'jane.doe@globex.com', '+15550000000',
                   '{phone}', true, 'call only on Tuesdays');
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>Seed 001's messiness plus malformed rows; returns the bytes and the number of data records.</summary>
    private static (byte[] Bytes, int Rows) MessyFile()
    {
        var lines = new List<string>
        {
            // 1: exact email match on an existing person (title and phone set, John stays John)
            "\"ACME CORPORATION, INC.\",,https://www.Acme.com/about,\"Mr. JOHN SMITH, Jr.\",,,v.p. of sales,\"John.Smith@acme.com; jsmith@gmail.com\",(555) 123-4567,,20,3,1,2024-01-15,met at conf",
            // 2: locked person: title is manually corrected, phone is in locked_fields
            "Globex Inc,globex.com,,Jane Doe,,,HR VP,jane.doe@globex.com,555-987-6543,,0,0,0,,",
            // 3: new company and person
            "Hooli LLC,hooli.com,,dr. gavin belson,,,C.E.O.,gavin@hooli.com,,https://www.linkedin.com/in/Gavin-Belson/?trk=x,\"1,234\",2,,01/15/2024,",
            // 4: the same person again (LinkedIn differently written): matches the person row 3 created
            "HOOLI,,,Gavin Belson,,,CEO,,,linkedin.com/in/gavin-belson,5,,,,",
            // 5: exact duplicate of row 3
            "Hooli LLC,hooli.com,,dr. gavin belson,,,C.E.O.,gavin@hooli.com,,https://www.linkedin.com/in/Gavin-Belson/?trk=x,\"1,234\",2,,01/15/2024,",
            // 6: missing last name, blank last_engaged_at, hybrid personal + work email
            "hooli,,,Cher,,,Head of HR,cher@gmail.com | cher@hooli.com,,,,,,,",
            // 7: negative and non-numeric counts (warnings, the row is still imported)
            "Pied Piper,piedpiper.com,,Richard Hendricks,,,ceo,richard@piedpiper.com,,,-5,lots,2,not a date,",
            // 8: review zone: "Bob Johnson" vs "Robert Johnson" at Acme is 0.80
            "Acme Corp,acme.com,,Bob Johnson,,,VP Finance,bob.johnson@gmail.com,,,,,,,",
            // 9: wrong column count
            "Too,Few,Cells",
            // 10: missing company name
            ",,,Nobody Known,,,,,,,,,,,",
            // 11: formula-like cells kept as data
            "\"=HYPERLINK(\"\"http://evil\"\")\",,,@Eve Formula,,,+CFO,eve@formula.test,,,,,,,=1+1",
            // 12: a 1 MB cell
            "Big Notes Inc,bignotes.com,,Bea Big,,,,bea@bignotes.com,,,,,,," + new string('n', 1024 * 1024),
            // 13: name with a Windows-1252 byte (patched below)
            "M?ller GmbH,mueller.de,,Hans M?ller,,,CTO,hans@mueller.de,,,,,,,",
            // 14: unclosed quote swallowing nothing after it is recovered (the next line is its own row)
            "Broken Co,broken.com,,\"Quentin Quote,,,,,,,,,,,",
            // 15: ordinary row after the broken one
            "Initech LLC,,,Peter Gibbons,,,Engineer,peter@initech.com,,,1,0,0,,",
        };
        var text = Header + "\n" + string.Join("\n", lines) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'?' && i > 0 && bytes[i - 1] == (byte)'M')
            {
                bytes[i] = 0xFC;
            }
        }

        return (bytes, lines.Count);
    }

    [Fact]
    public async Task MessyFile_EveryRowGetsOneOutcome_AndTheImportDoesNotFail()
    {
        var (bytes, rows) = MessyFile();
        var import = await CreateImportAsync();

        var summary = await Importer.ImportAsync(import, new MemoryStream(bytes), new BackfillImportOptions { BatchSize = 4 }, null, CancellationToken.None);

        summary.Completed.ShouldBeTrue();
        summary.RowsLoaded.ShouldBe(rows);
        summary.RowsProcessed.ShouldBe(rows);
        (await ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(rows);
        (await ScalarAsync<long>($"SELECT count(DISTINCT row_number) FROM backfill_log WHERE import_id = {import} AND row_number BETWEEN 1 AND {rows}")).ShouldBe(rows);
        (await ScalarAsync<int>($"SELECT checkpoint FROM ops.backfill_import WHERE id = {import}")).ShouldBe(rows);
        var outcomes = await OutcomesAsync(import);
        outcomes[1].ShouldBe("initialized");
        outcomes[2].ShouldBe("skipped_locked");
        outcomes[3].ShouldBe("initialized");
        outcomes[4].ShouldBe("initialized");
        outcomes[5].ShouldBe("duplicate");
        outcomes[6].ShouldBe("initialized");
        outcomes[7].ShouldBe("initialized");
        outcomes[8].ShouldBe("unresolved");
        outcomes[9].ShouldBe("error");
        outcomes[10].ShouldBe("error");
        outcomes[11].ShouldBe("initialized");
        outcomes[12].ShouldBe("initialized");
        outcomes[13].ShouldBe("initialized");
        outcomes[14].ShouldBe("error");
        outcomes[15].ShouldBe("initialized");
        summary.Outcomes["initialized"].ShouldBe(9);
        (summary.Errors, summary.Duplicates, summary.Unresolved, summary.LockedFieldSkips).ShouldBe((3L, 1L, 1L, 1L));
        summary.Warnings.ShouldBeGreaterThan(0);
        (await ScalarAsync<string>($"SELECT error_message FROM backfill_log WHERE import_id = {import} AND row_number = 9"))!.ShouldStartWith("wrong column count");
        (await ScalarAsync<string>($"SELECT error_message FROM backfill_log WHERE import_id = {import} AND row_number = 14"))!.ShouldContain("quote");
        (await ScalarAsync<string>("SELECT full_name FROM marketing.people_master WHERE email = 'hans@mueller.de'")).ShouldBe("Hans Müller");
        (await ScalarAsync<string>("SELECT company_name FROM marketing.company_master WHERE domain = 'mueller.de'")).ShouldBe("Müller GmbH");
        (await ScalarAsync<long>($"SELECT length(notes) FROM backfill_log WHERE import_id = {import} AND row_number = 12")).ShouldBe(LegacyCsvLimits.Default.MaxCellChars, "a 1 MB cell is cut to the cell limit");
        (await ScalarAsync<string>($"SELECT notes FROM backfill_log WHERE import_id = {import} AND row_number = 11")).ShouldBe("=1+1");
    }

    [Fact]
    public async Task OneRowPerBatch_GivesTheSameOutcomes_FindingEarlierBatchesPeopleInTheDatabase()
    {
        var import = await CreateImportAsync();

        await Importer.ImportAsync(import, new MemoryStream(MessyFile().Bytes), new BackfillImportOptions { BatchSize = 1 }, null, CancellationToken.None);

        (await OutcomesAsync(import)).OrderBy(o => o.Key).Select(o => o.Value).ShouldBe(
        [
            "initialized", "skipped_locked", "initialized", "initialized", "duplicate", "initialized", "initialized", "unresolved",
            "error", "error", "initialized", "initialized", "initialized", "error", "initialized",
        ]);
        // Row 4 finds the person row 3 created a batch earlier, through the LinkedIn index, written differently.
        (await ScalarAsync<string>($"SELECT matched_person_id FROM backfill_log WHERE import_id = {import} AND row_number = 4")).ShouldBe($"BF-{import}-3");
    }

    [Fact]
    public async Task CompanyNameWithATypo_AndNoDomain_MatchesTheCompanyFuzzily()
    {
        var csv = Header + "\n" + "Glbex Inc,,,Ann Alpha,,,,,,,,,,,\n";
        var import = await CreateImportAsync();

        var summary = await Importer.ImportAsync(import, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BackfillImportOptions(), null, CancellationToken.None);

        (summary.CompaniesMatched, summary.CompaniesCreated).ShouldBe((1L, 0L));
        (await ScalarAsync<string>($"SELECT matched_company_id || ' ' || match_type FROM backfill_log WHERE import_id = {import}")).ShouldBe("C-GLOBEX fuzzy");
    }

    [Fact]
    public async Task ExactMatch_UpdatesThePerson_AndWritesBaselines()
    {
        var import = await CreateImportAsync();
        await Importer.ImportAsync(import, new MemoryStream(MessyFile().Bytes), new BackfillImportOptions(), null, CancellationToken.None);

        (await ScalarAsync<string>("SELECT title || ' ' || phone || ' ' || full_name FROM marketing.people_master WHERE unique_id = 'P-EXACT'"))
            .ShouldBe("VP of Sales +15551234567 John Smith");
        var actions = await ScalarAsync<string>($"SELECT actions_taken::text FROM backfill_log WHERE import_id = {import} AND row_number = 1");
        actions!.ShouldContain("\"updated_fields\": [\"title\", \"phone\"]");
        (await ScalarAsync<string>($"SELECT matched_person_id || ' ' || match_type || ' ' || match_confidence FROM backfill_log WHERE import_id = {import} AND row_number = 1"))
            .ShouldBe("P-EXACT perfect 1.000");
        (await ScalarAsync<string>("SELECT baseline_score || ' ' || baseline_tier || ' ' || signals_generated FROM bit_baseline_snapshot WHERE person_unique_id = 'P-EXACT'"))
            .ShouldBe("240 hot 3");
        (await ScalarAsync<long>("SELECT count(*) FROM bit_signal WHERE person_unique_id = 'P-EXACT' AND source_type = 'backfill_baseline' AND NOT scored")).ShouldBe(3);
        (await ScalarAsync<long>("SELECT count(*) FROM talent_flow_baseline WHERE person_unique_id = 'P-EXACT'")).ShouldBe(1);

        // Rows 3 and 4 are one person: one talent-flow baseline, two BIT snapshots.
        var gavin = await ScalarAsync<string>("SELECT unique_id FROM marketing.people_master WHERE email = 'gavin@hooli.com'");
        gavin.ShouldBe($"BF-{import}-3");
        (await ScalarAsync<long>($"SELECT count(*) FROM talent_flow_baseline WHERE person_unique_id = '{gavin}'")).ShouldBe(1);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master WHERE domain = 'hooli.com'")).ShouldBe(1);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE full_name = 'Cher' AND last_name IS NULL")).ShouldBe(1);
    }

    [Fact]
    public async Task LockedFields_StayUntouched()
    {
        var import = await CreateImportAsync();
        await Importer.ImportAsync(import, new MemoryStream(MessyFile().Bytes), new BackfillImportOptions(), null, CancellationToken.None);

        (await ScalarAsync<string>("SELECT title || '|' || phone || '|' || notes_internal FROM marketing.people_master WHERE unique_id = 'P-LOCK'"))
            .ShouldBe("Chief People Officer|+15550000000|call only on Tuesdays");
        var actions = await ScalarAsync<string>($"SELECT actions_taken::text FROM backfill_log WHERE import_id = {import} AND row_number = 2");
        actions!.ShouldContain("\"skipped_locked_fields\": [\"title\", \"phone\"]");
    }

    [Fact]
    public async Task ReviewZone_GoesToMissingParts_WithEveryCandidate_AndCreatesNothing()
    {
        var import = await CreateImportAsync();
        await Importer.ImportAsync(import, new MemoryStream(MessyFile().Bytes), new BackfillImportOptions(), null, CancellationToken.None);

        var attempts = await ScalarAsync<string>($"""
            SELECT m.match_attempts::text FROM garage.missing_parts m JOIN backfill_log l ON l.id = m.backfill_log_id
             WHERE l.import_id = {import} AND l.row_number = 8 AND m.issue_type = 'low_confidence_match' AND NOT m.resolved
            """);
        attempts!.ShouldContain("P-ROBERT");
        attempts.ShouldContain("P-EXACT");
        attempts.ShouldContain("0.8");
        (await ScalarAsync<decimal>($"SELECT confidence_score FROM garage.missing_parts WHERE import_id = {import}")).ShouldBe(0.8m);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE full_name = 'Bob Johnson'")).ShouldBe(0);
    }

    [Fact]
    public async Task ReImportingTheSameFile_MakesEveryRowADuplicate()
    {
        var bytes = MessyFile().Bytes;
        var first = await CreateImportAsync();
        await Importer.ImportAsync(first, new MemoryStream(bytes), new BackfillImportOptions(), null, CancellationToken.None);
        var people = await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master");

        var second = await CreateImportAsync();
        var summary = await Importer.ImportAsync(second, new MemoryStream(bytes), new BackfillImportOptions(), null, CancellationToken.None);

        // Rows that could not be read are errors again (there is nothing to compare); every readable row is a duplicate.
        summary.Outcomes["duplicate"].ShouldBe(summary.RowsProcessed - summary.Errors);
        summary.Outcomes["initialized"].ShouldBe(0);
        (summary.PeopleCreated, summary.PeopleUpdated).ShouldBe((0L, 0L));
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master")).ShouldBe(people);
    }

    [Fact]
    public async Task CancelledMidway_ThenResumed_GivesEveryRowOneOutcome_WithoutDuplicates()
    {
        var csv = Generated(230);
        var import = await CreateImportAsync();
        using var cancel = new CancellationTokenSource();
        var batches = 0;

        await Should.ThrowAsync<OperationCanceledException>(() => Importer.ImportAsync(import, new MemoryStream(csv), new BackfillImportOptions { BatchSize = 50 },
            (_, _, _, _) =>
            {
                if (++batches == 3)
                {
                    cancel.Cancel();
                }

                return Task.CompletedTask;
            },
            cancel.Token));

        (await ScalarAsync<int>($"SELECT checkpoint FROM ops.backfill_import WHERE id = {import}")).ShouldBe(100);
        (await ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(100);

        var resumed = await Importer.ImportAsync(import, new MemoryStream(csv), new BackfillImportOptions { BatchSize = 50 }, null, CancellationToken.None);

        resumed.ResumedAfterRow.ShouldBe(100);
        resumed.RowsProcessed.ShouldBe(130);
        (await ScalarAsync<long>($"SELECT count(*) FROM backfill_log WHERE import_id = {import}")).ShouldBe(230);
        (await ScalarAsync<long>($"SELECT count(DISTINCT row_number) FROM backfill_log WHERE import_id = {import}")).ShouldBe(230);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE unique_id LIKE 'BF-%'")).ShouldBe(230);
        (await ScalarAsync<long>("SELECT count(*) FROM (SELECT email FROM marketing.people_master GROUP BY email HAVING count(*) > 1) d")).ShouldBe(0);
        (await ScalarAsync<long>("SELECT count(*) FROM talent_flow_baseline")).ShouldBe(230);
        resumed.Outcomes["initialized"].ShouldBe(230);
    }

    [Fact]
    public async Task ARowTheDatabaseRejects_IsAnError_AndTheRestOfItsBatchIsImported()
    {
        await ExecuteAsync(RejectFailMe);
        var csv = Header + "\n" +
            "Zulu Widgets,zulu.test,,Ann Alpha,,,,ann@zulu.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Fail Me,,,,fail@yankee.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Carl Charlie,,,,carl@yankee.test,,,,,,,\n";
        var import = await CreateImportAsync();

        var summary = await Importer.ImportAsync(import, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BackfillImportOptions(), null, CancellationToken.None);

        (await OutcomesAsync(import)).OrderBy(o => o.Key).Select(o => o.Value).ShouldBe(["initialized", "error", "initialized"]);
        (await ScalarAsync<string>($"SELECT error_message FROM backfill_log WHERE import_id = {import} AND row_number = 2"))!.ShouldContain("Fail Me are not allowed");
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master WHERE domain = 'yankee.test'")).ShouldBe(1);
        (summary.PeopleCreated, summary.Errors, summary.CompaniesCreated).ShouldBe((2L, 1L, 2L));
    }

    [Fact]
    public async Task ARowTheDatabaseRejects_WhileTheNextBatchIsDecided_IsAnError_AndTheNextBatchIsDecidedAgain()
    {
        await ExecuteAsync(RejectFailMe);

        // One row per batch: the rejected batch (row 2) is written while row 3, which reuses the company row 2 created in
        // memory, is decided on top of it.
        var csv = Header + "\n" +
            "Zulu Widgets,zulu.test,,Ann Alpha,,,,ann@zulu.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Fail Me,,,,fail@yankee.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Carl Charlie,,,,carl@yankee.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Dora Delta,,,,dora@yankee.test,,,,,,,\n" +
            "Yankee Tools,yankee.test,,Carl Charlie,,,,carl@yankee.test,,,,,,,\n";
        var import = await CreateImportAsync();

        var summary = await Importer.ImportAsync(import, new MemoryStream(Encoding.UTF8.GetBytes(csv)), new BackfillImportOptions { BatchSize = 1 }, null, CancellationToken.None);

        (await OutcomesAsync(import)).OrderBy(o => o.Key).Select(o => o.Value).ShouldBe(["initialized", "error", "initialized", "initialized", "duplicate"]);
        (await ScalarAsync<string>($"SELECT error_message FROM backfill_log WHERE import_id = {import} AND row_number = 2"))!.ShouldContain("Fail Me are not allowed");
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.company_master WHERE domain = 'yankee.test'")).ShouldBe(1);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master WHERE email LIKE '%@yankee.test'")).ShouldBe(2);
        (summary.PeopleCreated, summary.Errors, summary.CompaniesCreated, summary.Duplicates).ShouldBe((3L, 1L, 2L, 1L));
        (await ScalarAsync<int>($"SELECT checkpoint FROM ops.backfill_import WHERE id = {import}")).ShouldBe(5);
    }

    [Fact]
    public async Task DryRun_WritesNothing_ButSummarizes()
    {
        var import = await CreateImportAsync();
        var people = await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master");

        var summary = await Importer.ImportAsync(import, new MemoryStream(MessyFile().Bytes), new BackfillImportOptions { DryRun = true, BatchSize = 5 }, null, CancellationToken.None);

        summary.Outcomes["initialized"].ShouldBe(9);
        summary.PeopleCreated.ShouldBeGreaterThan(0);
        (await ScalarAsync<long>("SELECT count(*) FROM marketing.people_master")).ShouldBe(people);
        (await ScalarAsync<long>("SELECT count(*) FROM backfill_log")).ShouldBe(0);
        (await ScalarAsync<int>($"SELECT checkpoint FROM ops.backfill_import WHERE id = {import}")).ShouldBe(0);
    }

    [Fact]
    public async Task LargeGeneratedFile_IsImportedInBatches()
    {
        const int rows = 5_000; // several batches; speed belongs to the benchmark command
        var csv = Generated(rows);
        var import = await CreateImportAsync();

        var summary = await Importer.ImportAsync(import, new MemoryStream(csv), new BackfillImportOptions(), null, CancellationToken.None);

        summary.Outcomes.Values.Sum().ShouldBe(rows);
        summary.PeopleCreated.ShouldBe(rows);
    }

    /// <summary>Rows of 5 people per company, every person new and with a name unlike the others of the company.</summary>
    private static byte[] Generated(int rows)
    {
        string[] first = ["Alice", "Bartholomew", "Cornelius", "Dmitri", "Evangeline"];
        string[] last = ["Smith", "Nakamura", "Okonkwo", "Fitzgerald", "Vasquez"];
        var random = new Random(rows);
        var names = new Dictionary<int, string>();
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= rows; i++)
        {
            var company = i / 5;
            if (!names.TryGetValue(company, out var name))
            {
                name = string.Concat(Enumerable.Range(0, 9).Select(k => (char)((k == 0 ? 'A' : 'a') + random.Next(26))));
                names[company] = name;
            }

            text.Append(CultureInfo.InvariantCulture,
                $"{name} Inc,co{company}.example,,{first[i % 5]} {last[i % 5]},,,VP Sales,p{i}@co{company}.example,555-010-{i % 10000:D4},,{i % 30},{i % 4},{i % 2},2024-02-{1 + (i % 28):D2},\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<long> CreateImportAsync() =>
        (await ScalarAsync<long>("INSERT INTO ops.backfill_import (file_name, file_hash, file_size, dry_run, checkpoint, created_by) VALUES ('legacy.csv', 'x', 0, false, 0, 'test') RETURNING id"));

    private async Task<Dictionary<int, string>> OutcomesAsync(long import)
    {
        await using var command = dataSource.CreateCommand($"SELECT row_number, resolution_status FROM backfill_log WHERE import_id = {import}");
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<int, string>();
        while (await reader.ReadAsync())
        {
            result[reader.GetInt32(0)] = reader.GetString(1);
        }

        return result;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
