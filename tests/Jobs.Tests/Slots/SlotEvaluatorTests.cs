using Npgsql;
using Portal.Domain.Slots;
using Portal.Jobs.Slots;
using Portal.TestSupport;
using Shouldly;

namespace Portal.Jobs.Tests.Slots;

/// <summary>Slot evaluation against the real schema: statuses, attempts, requests, idempotence, dry run, concurrency.</summary>
public sealed class SlotEvaluatorTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    private SlotEvaluator Evaluator => new(dataSource);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        dataSource = database.CreateDataSource();

        // A: CEO and CFO known, nobody for HR. B: one person is CEO & CFO, two HR candidates (a tie: the lower id wins). C: nobody.
        await ExecuteAsync("""
            INSERT INTO marketing.company_master (company_unique_id, company_name, domain) VALUES
              ('C-A', 'Alpha Ltd', 'alpha.test'), ('C-B', 'Beta Inc', 'beta.test'), ('C-C', 'Gamma LLC', 'gamma.test');
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES
              ('P-A1', 'C-A', 'Ann Able', 'Chief Executive Officer'),
              ('P-A2', 'C-A', 'Art Abbot', 'VP Finance'),
              ('P-A3', 'C-A', 'Ada Aide', 'Executive Assistant to the CEO'),
              ('P-B1', 'C-B', 'Bob Bold', 'CEO & CFO'),
              ('P-B2', 'C-B', 'Bea Best', 'HR Director'),
              ('P-B3', 'C-B', 'Ben Bright', 'Head of People'),
              ('P-C1', 'C-C', 'Cal Cole', 'Software Engineer');
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task SlotCounts_KeptByTheTriggers_EqualTheSlotsThemselves_ThroughInsertsUpdatesAndDeletes()
    {
        const string counted = "SELECT string_agg(slot_type || ' ' || status || ' ' || slots, ', ' ORDER BY slot_type, status) FROM marketing.company_slot_count WHERE slots <> 0";
        const string actual = "SELECT string_agg(slot_type || ' ' || status || ' ' || n, ', ' ORDER BY slot_type, status) FROM (SELECT slot_type, status, count(*) AS n FROM marketing.company_slot GROUP BY 1, 2) s";

        await EvaluateAsync();
        var afterFirstRun = await database.ScalarAsync<string>(counted);
        await ExecuteAsync("INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES ('P-C2', 'C-C', 'Cy Chief', 'CEO')");
        await EvaluateAsync();
        var afterAFill = await database.ScalarAsync<string>(counted);
        await ExecuteAsync("DELETE FROM marketing.company_slot WHERE company_unique_id = 'C-A' AND slot_type = 'HR'");

        afterFirstRun.ShouldBe("CEO filled 2, CEO open 1, CFO filled 2, CFO open 1, HR filled 1, HR open 2");
        afterAFill.ShouldBe("CEO filled 3, CFO filled 2, CFO open 1, HR filled 1, HR open 2");
        (await database.ScalarAsync<string>(counted)).ShouldBe(await database.ScalarAsync<string>(actual));
    }

    [Fact]
    public async Task FirstRun_OpensFillsAndRequestsBackfills_AsTheRulesSay()
    {
        var summary = await EvaluateAsync();

        (await SlotsAsync()).ShouldBe(
        [
            "C-A CEO filled P-A1 0", "C-A CFO filled P-A2 0", "C-A HR open - 0",
            "C-B CEO filled P-B1 0", "C-B CFO filled P-B1 0", "C-B HR filled P-B2 0",
            "C-C CEO open - 0", "C-C CFO open - 0", "C-C HR open - 0",
        ]);
        summary.CompaniesProcessed.ShouldBe(3);
        summary.SlotsCreated.ShouldBe(9);
        (summary.SlotsFilled, summary.SlotsOpen, summary.SlotsClosedMissing).ShouldBe((5L, 4L, 0L));
        summary.CompoundMatches.ShouldBe(1);
        summary.MultipleCandidates.ShouldBe(1);
        summary.BackfillTriggered.ShouldBe(4);
        summary.FillRate["overall"].ShouldBe(55.6);
        summary.FillRate["HR"].ShouldBe(33.3);
        (await PendingRequestsAsync()).ShouldBe(["C-A HR 1", "C-C CEO 1", "C-C CFO 1", "C-C HR 1"]);
        (await ScalarAsync("SELECT count(*) FROM public.agent_routing_log WHERE record_type = 'person_slot_backfill' AND status = 'queued' AND garage_bay = 'bay_a' AND agent_name = 'b2_enrichment_agent' AND routing_reason LIKE 'slot_backfill_%_attempt_1'"))
            .ShouldBe(4);
    }

    [Fact]
    public async Task SecondRun_WithNothingNew_ChangesNothing()
    {
        await EvaluateAsync();
        var before = await SnapshotAsync();

        var again = await EvaluateAsync(full: true);

        (again.SlotsCreated, again.SlotsUpdated, again.BackfillTriggered).ShouldBe((0L, 0L, 0L));
        (await SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task IncrementalRun_ProcessesOnlyChangedCompanies()
    {
        await EvaluateAsync();

        var idle = await EvaluateAsync(full: false);
        await ExecuteAsync("UPDATE marketing.people_master SET title = 'CHRO', updated_at = now() WHERE unique_id = 'P-C1'");
        var changed = await EvaluateAsync(full: false);

        idle.Incremental.ShouldBeTrue();
        idle.CompaniesProcessed.ShouldBe(0);
        changed.CompaniesProcessed.ShouldBe(1);
        changed.PeopleClassified.ShouldBe(1);
        (await SlotsAsync()).ShouldContain("C-C HR filled P-C1 0");
    }

    [Fact]
    public async Task Evaluate_ClosesSlot_WhenSecondEnrichmentRoundFindsNobody()
    {
        await EvaluateAsync();

        await FinishRoundAsync("C-C", "CEO", attempt: 1);
        await EvaluateAsync(full: false);
        var afterFirstRound = await SlotsAsync();
        var requestsAfterFirstRound = await PendingRequestsAsync();
        await EvaluateAsync(full: false); // an evaluation without a new round counts nothing
        var unchanged = await SlotsAsync();

        await FinishRoundAsync("C-C", "CEO", attempt: 2);
        var closing = await EvaluateAsync(full: false);

        afterFirstRound.ShouldContain("C-C CEO open - 1");
        requestsAfterFirstRound.ShouldContain("C-C CEO 2");
        unchanged.ShouldBe(afterFirstRound);
        (await SlotsAsync()).ShouldContain("C-C CEO closed_missing - 2");
        closing.SlotsClosedMissing.ShouldBe(1);
        closing.BackfillTriggered.ShouldBe(0);
        (await ScalarAsync("SELECT count(*) FROM public.agent_routing_log WHERE company_unique_id = 'C-C' AND slot_type = 'CEO' AND status = 'queued'")).ShouldBe(0);
    }

    [Fact]
    public async Task Evaluate_FillsAnOpenSlot_WhenSomeoneArrives_AndStopsItsQueuedSearch()
    {
        await EvaluateAsync();
        await FinishRoundAsync("C-A", "HR", attempt: 1);
        await EvaluateAsync(full: false);

        await ExecuteAsync("INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES ('P-A4', 'C-A', 'Hal Hire', 'Human Resources Manager')");
        await EvaluateAsync(full: false);

        (await SlotsAsync()).ShouldContain("C-A HR filled P-A4 0");
        (await ScalarAsync("SELECT count(*) FROM public.agent_routing_log WHERE company_unique_id = 'C-A' AND slot_type = 'HR' AND status = 'cancelled'")).ShouldBe(1);
        (await ScalarAsync("SELECT count(*) FROM marketing.company_slot_history WHERE company_unique_id = 'C-A' AND slot_type = 'HR'")).ShouldBe(3);
    }

    [Fact]
    public async Task DryRun_WritesNothing_ButReportsWhatWouldHappen()
    {
        var before = await SnapshotAsync();

        var summary = await EvaluateAsync(dryRun: true);

        (await SnapshotAsync()).ShouldBe(before);
        (await ScalarAsync("SELECT count(*) FROM ops.job_watermark")).ShouldBe(0);
        summary.DryRun.ShouldBeTrue();
        summary.SlotsCreated.ShouldBe(9);
        summary.BackfillTriggered.ShouldBe(4);
        summary.Sample.Select(s => s.CompanyName).ShouldBe(["Alpha Ltd", "Gamma LLC"]);
        summary.Sample[1].WouldRequest.ShouldBe(["CEO", "CFO", "HR"]);
    }

    [Fact]
    public async Task TwoEvaluationsAtOnce_NeverDuplicateBackfillRequests()
    {
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EvaluateAsync(full: true)));

        (await ScalarAsync("SELECT count(*) FROM intake.people_raw_intake WHERE source_system = 'slot_backfill'")).ShouldBe(4);
        (await ScalarAsync("SELECT count(*) FROM public.agent_routing_log WHERE record_type = 'person_slot_backfill'")).ShouldBe(4);
        (await ScalarAsync("SELECT count(*) FROM marketing.company_slot")).ShouldBe(9);
    }

    [Fact]
    public async Task TheSeedsMonitoringQueries_RunUnchanged()
    {
        await EvaluateAsync();
        string[] queries =
        [
            """
            SELECT
                pri.company_name,
                pri.slot_type,
                pri.enrichment_attempt,
                pri.created_at,
                arl.status AS routing_status
            FROM intake.people_raw_intake pri
            LEFT JOIN public.agent_routing_log arl
                ON arl.record_id = pri.id::text
                AND arl.record_type = 'person_slot_backfill'
            WHERE pri.source_system = 'slot_backfill'
                AND pri.validated = FALSE
            ORDER BY pri.created_at DESC
            LIMIT 50;
            """,
            """
            SELECT
                slot_type,
                COUNT(*) AS total_backfills,
                COUNT(*) FILTER (WHERE validated = TRUE) AS validated,
                COUNT(*) FILTER (WHERE validated = FALSE) AS pending,
                ROUND(100.0 * COUNT(*) FILTER (WHERE validated = TRUE) / COUNT(*), 1) AS validation_rate
            FROM intake.people_raw_intake
            WHERE source_system = 'slot_backfill'
            GROUP BY slot_type
            ORDER BY slot_type;
            """,
            """
            SELECT
                routing_reason,
                status,
                COUNT(*) AS count,
                MIN(routed_at) AS first_routed,
                MAX(routed_at) AS last_routed
            FROM public.agent_routing_log
            WHERE record_type = 'person_slot_backfill'
                AND routed_at >= NOW() - INTERVAL '7 days'
            GROUP BY routing_reason, status
            ORDER BY routing_reason, status;
            """,
            "SELECT COUNT(*) FROM intake.people_raw_intake WHERE source_system='slot_backfill';",
            "SELECT COUNT(*) FROM public.agent_routing_log WHERE record_type='person_slot_backfill';",
            "SELECT slot_type, COUNT(*) FROM intake.people_raw_intake WHERE source_system='slot_backfill' GROUP BY slot_type;",
        ];
        int[] expectedRows = [4, 3, 3, 1, 1, 3];

        for (var i = 0; i < queries.Length; i++)
        {
            await using var command = dataSource.CreateCommand(queries[i]);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }

            rows.ShouldBe(expectedRows[i], queries[i]);
        }
    }

    private Task<SlotEvaluationSummary> EvaluateAsync(bool dryRun = false, bool full = true) =>
        Evaluator.EvaluateAsync(new SlotEvaluationOptions { DryRun = dryRun, Full = full }, null, (_, _, _) => Task.CompletedTask, CancellationToken.None);

    /// <summary>What the enrichment pipeline does when a round ends without finding anyone.</summary>
    private Task FinishRoundAsync(string company, string slot, int attempt) => ExecuteAsync(
        $"UPDATE public.agent_routing_log SET status = 'done', result = 'not_found', completed_at = now() WHERE company_unique_id = '{company}' AND slot_type = '{slot}' AND enrichment_attempt = {attempt}");

    private async Task<List<string>> SlotsAsync() => await RowsAsync(
        "SELECT company_unique_id || ' ' || slot_type || ' ' || status || ' ' || coalesce(person_unique_id, '-') || ' ' || enrichment_attempts FROM marketing.company_slot ORDER BY 1");

    private async Task<List<string>> PendingRequestsAsync() => await RowsAsync(
        "SELECT company_unique_id || ' ' || slot_type || ' ' || enrichment_attempt FROM intake.people_raw_intake WHERE source_system = 'slot_backfill' AND NOT validated ORDER BY 1");

    private async Task<List<string>> SnapshotAsync() => await RowsAsync("""
        SELECT 'slot ' || s::text FROM marketing.company_slot s
        UNION ALL SELECT 'intake ' || i::text FROM intake.people_raw_intake i
        UNION ALL SELECT 'route ' || r::text FROM public.agent_routing_log r
        UNION ALL SELECT 'person ' || p::text FROM marketing.people_master p
        UNION ALL SELECT 'history ' || count(*) FROM marketing.company_slot_history
        ORDER BY 1
        """);

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
