using Portal.Benchmarks;

// ./dev bench [runs|slots|backfill|enrichment|monitoring]  — prints figures; exits 1 when a target is missed.
var which = args.FirstOrDefault() ?? "all";
var ok = true;
if (which is "all" or "runs")
{
    ok &= await RunsListBenchmark.RunAsync();
}

if (which is "all" or "slots")
{
    ok &= await SlotsBenchmark.RunAsync();
}

if (which is "all" or "backfill")
{
    ok &= await BackfillBenchmark.RunAsync();
}

if (which is "all" or "enrichment")
{
    ok &= await EnrichmentBenchmark.RunAsync();
}

if (which is "all" or "monitoring")
{
    ok &= await MonitoringBenchmark.RunAsync();
}

return ok ? 0 : 1;
