using Portal.Benchmarks;

// ./dev bench [runs|slots|backfill]  — prints figures; exits 1 when a target is missed.
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

return ok ? 0 : 1;
