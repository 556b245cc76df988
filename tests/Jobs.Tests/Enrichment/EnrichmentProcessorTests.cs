using Portal.Domain.Enrichment;
using Portal.Domain.Slots;
using Shouldly;

namespace Portal.Jobs.Tests.Enrichment;

/// <summary>The worker's data path on the real schema: claims, backoff, dead letters, the loop back into slot evaluation.</summary>
public sealed class EnrichmentProcessorTests : EnrichmentTestBase
{
    private static readonly FoundPerson Chief = new("Cora Chief", "Cora", "Chief", "Chief Executive Officer", "cora@c1.test", "https://www.linkedin.com/in/cora-chief");

    [Fact]
    public async Task SeveralWorkers_NeverProcessAnItemTwice()
    {
        await AddEmptyCompaniesAsync(100);
        await EvaluateAsync();
        var provider = new ScriptedProvider(async _ =>
        {
            await Task.Delay(1);
            return ProviderResult.NotFound(0.9);
        });
        (await Processor(provider).IngestAsync(full: false, CancellationToken.None)).ShouldBe(300);

        var workers = Enumerable.Range(0, 4).Select(n => Task.Run(async () =>
        {
            var processor = Processor(provider, $"node-{n}");
            long claimed = 0;
            while ((await processor.ProcessBatchAsync(null, 17, CancellationToken.None)) is { Claimed: > 0 } batch)
            {
                claimed += batch.Claimed;
            }

            return claimed;
        })).ToList();
        var perWorker = await Task.WhenAll(workers);

        perWorker.Sum().ShouldBe(300);
        perWorker.Count(n => n > 0).ShouldBeGreaterThan(1); // they really shared the work
        provider.CallsPerItem.Count.ShouldBe(300);
        provider.CallsPerItem.Values.ShouldAllBe(calls => calls == 1);
        (await CountAsync("SELECT count(*) FROM enrichment.enrichment_attempt")).ShouldBe(300);
        (await CountAsync("SELECT count(*) FROM enrichment.enrichment_item WHERE status = 'completed' AND ai_label = 'not_found'")).ShouldBe(300);
        (await CountAsync("SELECT count(*) FROM public.agent_routing_log WHERE status = 'done' AND result = 'not_found' AND completed_at IS NOT NULL")).ShouldBe(300);
    }

    [Fact]
    public async Task AWorkerThatDiesMidBatch_LeavesItsItemsToBePickedUpAgain_AndItsLateWritesAreIgnored()
    {
        await AddEmptyCompaniesAsync(4);
        await EvaluateAsync();
        var stuck = new TaskCompletionSource<ProviderResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dying = Processor(new ScriptedProvider(_ => stuck.Task), "dying-node", lease: TimeSpan.FromMilliseconds(300));
        await dying.IngestAsync(full: false, CancellationToken.None);
        var hung = dying.ProcessBatchAsync(null, 100, CancellationToken.None);
        await WaitUntilAsync(async () => await CountAsync("SELECT count(*) FROM enrichment.enrichment_item WHERE status = 'in_progress'") == 12);
        (await CountAsync("SELECT count(*) FROM public.agent_routing_log WHERE status = 'in_progress'")).ShouldBe(12);

        var healthy = Processor(ScriptedProvider.Always(ProviderResult.NotFound(0.95)), "healthy-node");
        (await healthy.ProcessBatchAsync(null, 100, CancellationToken.None)).Claimed.ShouldBe(0); // leased
        await Task.Delay(400);
        (await healthy.RecoverExpiredClaimsAsync(CancellationToken.None)).ShouldBe(12);
        (await healthy.ProcessBatchAsync(null, 100, CancellationToken.None)).NotFound.ShouldBe(12);

        stuck.SetResult(ProviderResult.Failure("timeout", "late")); // the "dead" worker wakes up and tries to write
        await hung;

        (await RowsAsync("SELECT status, ai_label, count(*) FROM enrichment.enrichment_item GROUP BY 1, 2")).ShouldBe(["completed not_found 12"]);
        (await CountAsync("SELECT count(*) FROM enrichment.enrichment_attempt WHERE node = 'dying-node'")).ShouldBe(0);
    }

    [Fact]
    public async Task ProviderFailures_BackOffOnTheSchedule_ThenDeadLetterWithAnAlert_AfterTheFifthRetry()
    {
        await AddEmptyCompaniesAsync(1);
        await ExecuteAsync("INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES ('P-1', 'C-0001', 'Fin Ance', 'CFO'), ('P-2', 'C-0001', 'Hal Hr', 'HR Director')");
        await EvaluateAsync(); // only the CEO slot is open
        var processor = Processor(ScriptedProvider.Always(ProviderResult.Failure("server_error", "503 Service Unavailable")));
        await processor.IngestAsync(full: false, CancellationToken.None);

        var delays = new List<double>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            var batch = await processor.ProcessBatchAsync(null, 10, CancellationToken.None);
            batch.Claimed.ShouldBe(1);
            var row = await RowsAsync("SELECT status, enrichment_retry_count, extract(epoch FROM next_attempt_at - last_enrichment_attempt)::int, ai_confidence, ai_label FROM enrichment.enrichment_item");
            if (attempt <= 5)
            {
                var parts = row.Single().Split(' ');
                (parts[0], parts[1], parts[3], parts[4]).ShouldBe(("failed", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture), "-", "-"));
                delays.Add(double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
                (await RowsAsync("SELECT status FROM public.agent_routing_log")).ShouldBe(["queued"]);
                await ExecuteAsync("UPDATE enrichment.enrichment_item SET next_attempt_at = now() - interval '1 second'");
            }
            else
            {
                row.ShouldBe(["dead_letter 5 - - -"]);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            delays[i].ShouldBeInRange(RetrySchedule.Delays[i].TotalSeconds * 0.9 - 1, RetrySchedule.Delays[i].TotalSeconds * 1.1 + 1);
        }

        (await RowsAsync("SELECT status, result, completed_at IS NOT NULL FROM public.agent_routing_log")).ShouldBe(["failed dead_letter True"]);
        (await RowsAsync("SELECT kind, severity, acknowledged_at FROM enrichment.enrichment_alert")).ShouldBe(["dead_letter critical -"]);
        (await RowsAsync("SELECT cardinality(error_messages), last_error_class, escalated_at IS NOT NULL FROM enrichment.enrichment_item")).ShouldBe(["6 server_error True"]);
        (await processor.ProcessBatchAsync(null, 10, CancellationToken.None)).Claimed.ShouldBe(0);

        // Seed 002's integrity queries, unchanged: the failure is findable (NULL), nothing exceeds the retry limit.
        (await CountAsync("SELECT COUNT(*) FROM exception_records \nWHERE enrichment_retry_count > 5;")).ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM (SELECT * FROM exception_records \nWHERE ai_confidence IS NULL \n   OR ai_label IS NULL\n   OR (ai_confidence < 0.7 AND updated_at < NOW() - INTERVAL '24 hours')) q")).ShouldBe(1);
    }

    [Fact]
    public async Task FullLoop_AFoundPersonGoesThroughIntake_AndTheNextEvaluationFillsTheSlot()
    {
        await AddEmptyCompaniesAsync(1);
        await ExecuteAsync("INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES ('P-1', 'C-0001', 'Fin Ance', 'CFO'), ('P-2', 'C-0001', 'Hal Hr', 'HR Director')");
        await EvaluateAsync();
        var processor = Processor(new ScriptedProvider(request => Task.FromResult(ProviderResult.Found(Chief, 0.92))));
        await processor.IngestAsync(full: false, CancellationToken.None);

        var batch = await processor.ProcessBatchAsync(null, 10, CancellationToken.None);
        await EvaluateAsync();

        batch.Found.ShouldBe(1);
        (await RowsAsync("SELECT full_name, title, email, validated FROM intake.people_raw_intake WHERE source_system = 'slot_backfill'")).ShouldBe(["Cora Chief Chief Executive Officer cora@c1.test True"]);
        (await RowsAsync("SELECT unique_id, full_name, source_system FROM marketing.people_master WHERE unique_id LIKE 'enr-%'")).Single().ShouldEndWith("Cora Chief enrichment");
        (await RowsAsync("SELECT slot_type, status, person_unique_id LIKE 'enr-%', enrichment_attempts FROM marketing.company_slot ORDER BY slot_type"))
            .ShouldBe(["CEO filled True 0", "CFO filled False 0", "HR filled False 0"]);
        (await RowsAsync("SELECT lookup_status, validate_status, apply_status, ai_label FROM enrichment.enrichment_item")).ShouldBe(["COMPLETED COMPLETED COMPLETED found"]);
        (await RowsAsync("SELECT status, result FROM public.agent_routing_log")).ShouldBe(["done found"]);
    }

    [Fact]
    public async Task AFoundPerson_MatchingSomeoneKnown_TakesTheTitle_FillsEmptyFields_ButNeverReplacesANameOrALockedField()
    {
        await AddEmptyCompaniesAsync(1);
        await ExecuteAsync("""
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, first_name, title, email, locked_fields)
            VALUES ('P-1', 'C-0001', 'Cora C.', 'Cor', 'Sales Lead', 'cora@c1.test', '{full_name}')
            """);
        await EvaluateAsync();
        var processor = Processor(ScriptedProvider.Always(ProviderResult.Found(Chief, 0.9)));
        await processor.IngestAsync(full: false, CancellationToken.None);

        await processor.ProcessBatchAsync(null, 10, CancellationToken.None);

        (await RowsAsync("SELECT unique_id, full_name, first_name, title, linkedin_url FROM marketing.people_master")).ShouldBe(["P-1 Cora C. Cor Chief Executive Officer https://www.linkedin.com/in/cora-chief"]);
        (await RowsAsync("SELECT merge_log -> 'locked' ->> 0, jsonb_array_length(merge_log -> 'conflicts') FROM enrichment.enrichment_item WHERE slot_type = 'CEO'")).ShouldBe(["full_name 2"]);
        (await RowsAsync("SELECT person_unique_id FROM enrichment.enrichment_item WHERE slot_type = 'CEO'")).ShouldBe(["P-1"]);
    }

    [Fact]
    public async Task AFoundWorkAddress_ReplacesAKnownPersonsPersonalOne_ByTheMergePolicy()
    {
        await AddEmptyCompaniesAsync(1);
        await ExecuteAsync("""
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title, email, linkedin_url)
            VALUES ('P-1', 'C-0001', 'Cora Chief', 'Sales Lead', 'cora@gmail.com', 'https://www.linkedin.com/in/cora-chief')
            """);
        await EvaluateAsync();
        var processor = Processor(ScriptedProvider.Always(ProviderResult.Found(Chief, 0.9)));
        await processor.IngestAsync(full: false, CancellationToken.None);

        await processor.ProcessBatchAsync(null, 10, CancellationToken.None);

        (await RowsAsync("SELECT email, title FROM marketing.people_master WHERE unique_id = 'P-1'")).ShouldBe(["cora@c1.test Chief Executive Officer"]);
        (await RowsAsync("SELECT string_agg(c ->> 'field', ',' ORDER BY c ->> 'field') FROM enrichment.enrichment_item, jsonb_array_elements(merge_log -> 'changes') c WHERE slot_type = 'CEO'"))
            .ShouldBe(["email,first_name,last_name,title"]);
    }

    [Fact]
    public async Task TheAdminsMergePolicy_GovernsEnrichmentToo()
    {
        await new Portal.Jobs.Configuration.ConfigStore(Database.ContextFactory()).SaveAsync(
            Portal.Domain.Configuration.ConfigKinds.MergeRules, new Portal.Domain.Backfill.Merging.MergeRules { WorkEmailReplacesPersonal = false }, "admin", null);
        await AddEmptyCompaniesAsync(1);
        await ExecuteAsync("""
            INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title, email, linkedin_url)
            VALUES ('P-1', 'C-0001', 'Cora Chief', 'Sales Lead', 'cora@gmail.com', 'https://www.linkedin.com/in/cora-chief')
            """);
        await EvaluateAsync();
        var processor = Processor(ScriptedProvider.Always(ProviderResult.Found(Chief, 0.9)));
        await processor.IngestAsync(full: false, CancellationToken.None);

        await processor.ProcessBatchAsync(null, 10, CancellationToken.None);

        (await RowsAsync("SELECT email FROM marketing.people_master WHERE unique_id = 'P-1'")).ShouldBe(["cora@gmail.com"]);
        (await RowsAsync("SELECT c ->> 'offered' FROM enrichment.enrichment_item, jsonb_array_elements(merge_log -> 'conflicts') c WHERE slot_type = 'CEO' AND c ->> 'field' = 'email'"))
            .ShouldBe(["cora@c1.test"]);
    }

    [Fact]
    public async Task AProviderThatFindsNobodyTwice_ClosesTheSlotAsMissing()
    {
        await AddEmptyCompaniesAsync(1);
        var processor = Processor(ScriptedProvider.Always(ProviderResult.NotFound(0.9)));

        for (var round = 1; round <= 2; round++)
        {
            await EvaluateAsync();
            (await processor.IngestAsync(full: false, CancellationToken.None)).ShouldBe(3);
            (await processor.ProcessBatchAsync(null, 10, CancellationToken.None)).NotFound.ShouldBe(3);
        }

        await EvaluateAsync();

        (await RowsAsync("SELECT slot_type, status, enrichment_attempts FROM marketing.company_slot ORDER BY slot_type"))
            .ShouldBe(["CEO closed_missing 2", "CFO closed_missing 2", "HR closed_missing 2"]);
        (await CountAsync("SELECT count(*) FROM public.agent_routing_log WHERE status = 'queued'")).ShouldBe(0);
        (await processor.IngestAsync(full: false, CancellationToken.None)).ShouldBe(0);
    }

    [Fact]
    public async Task AQueuedTaskCancelledBecauseTheSlotFilled_IsSkippedWithoutACall()
    {
        await AddEmptyCompaniesAsync(1);
        await EvaluateAsync();
        var provider = ScriptedProvider.Always(ProviderResult.NotFound(0.9));
        var processor = Processor(provider);
        await processor.IngestAsync(full: false, CancellationToken.None);
        await ExecuteAsync("INSERT INTO marketing.people_master (unique_id, company_unique_id, full_name, title) VALUES ('P-1', 'C-0001', 'Ceo Person', 'CEO')");
        await EvaluateAsync(); // cancels the CEO search

        var batch = await processor.ProcessBatchAsync(null, 10, CancellationToken.None);

        (batch.Skipped, batch.NotFound).ShouldBe((1L, 2L));
        provider.CallsPerItem.Count.ShouldBe(2);
        (await RowsAsync("SELECT slot_type, status FROM enrichment.enrichment_item ORDER BY slot_type")).ShouldBe(["CEO skipped", "CFO completed", "HR completed"]);
    }

    [Fact]
    public async Task Reprocessing_RequeuesLowConfidenceOlderThanADay_UnderTheRetryLimit()
    {
        await AddEmptyCompaniesAsync(2);
        await EvaluateAsync();
        var processor = Processor(ScriptedProvider.Always(ProviderResult.Found(Chief, 0.5)));
        await processor.IngestAsync(full: false, CancellationToken.None);
        (await processor.ProcessBatchAsync(null, 10, CancellationToken.None)).LowConfidence.ShouldBe(6);
        (await processor.RequeueForReprocessingAsync(dryRun: false, CancellationToken.None)).ShouldBe(0); // not a day old yet

        await ExecuteAsync("UPDATE enrichment.enrichment_item SET updated_at = now() - interval '25 hours' WHERE company_unique_id = 'C-0001'");
        await ExecuteAsync("UPDATE enrichment.enrichment_item SET updated_at = now() - interval '25 hours', enrichment_retry_count = 5 WHERE company_unique_id = 'C-0002' AND slot_type = 'HR'");

        (await processor.RequeueForReprocessingAsync(dryRun: true, CancellationToken.None)).ShouldBe(3);
        (await processor.RequeueForReprocessingAsync(dryRun: false, CancellationToken.None)).ShouldBe(3);
        (await RowsAsync("SELECT status, enrichment_retry_count, count(*) FROM enrichment.enrichment_item GROUP BY 1, 2 ORDER BY 1, 2")).ShouldBe(["completed 0 2", "completed 5 1", "pending 1 3"]);
        (await processor.ProcessBatchAsync(null, 10, CancellationToken.None)).Claimed.ShouldBe(3);
    }

    [Fact]
    public async Task Ingest_IsIncrementalThroughItsWatermark_AndTheRepairRecomputesAMissingOne()
    {
        await AddEmptyCompaniesAsync(2);
        await EvaluateAsync();
        var processor = Processor(ScriptedProvider.Always(ProviderResult.NotFound(0.9)));
        (await processor.IngestAsync(full: false, CancellationToken.None)).ShouldBe(6);
        (await processor.IngestAsync(full: false, CancellationToken.None)).ShouldBe(0);
        var repair = new Watermarks.WatermarkRepair(DataSource);
        (await repair.RepairAsync(dryRun: true, null)).Single(g => g.Job == "enrichment-intake").Status.ShouldBe("present");

        await ExecuteAsync("DELETE FROM ops.job_watermark");
        var preview = await repair.RepairAsync(dryRun: true, null);
        (await CountAsync("SELECT count(*) FROM ops.job_watermark")).ShouldBe(0);
        var repaired = await repair.RepairAsync(dryRun: false, 42);
        var again = await repair.RepairAsync(dryRun: false, 43);

        preview.Select(g => $"{g.Job} {g.Status}").ShouldBe(["evaluate-company-slots no_data", "enrichment-intake would_repair"]);
        repaired.Select(g => $"{g.Job} {g.Status}").ShouldBe(["evaluate-company-slots no_data", "enrichment-intake repaired"]);
        again.Select(g => g.Status).ShouldBe(["no_data", "present"]);
        (await RowsAsync("SELECT job_name, entity, backfilled_at IS NOT NULL, metadata->>'repairRunId', watermark = (SELECT max(routed_at) FROM public.agent_routing_log) FROM ops.job_watermark"))
            .ShouldBe(["enrichment-intake person_slot_backfill True 42 True"]);
        (await processor.IngestAsync(full: false, CancellationToken.None)).ShouldBe(0);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not become true within 10 s.");
            }

            await Task.Delay(20);
        }
    }
}
