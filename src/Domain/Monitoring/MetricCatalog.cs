namespace Portal.Domain.Monitoring;

/// <summary>What a metric is: its name (seed 002's where it names one), how to show it, and where its records are.</summary>
/// <param name="Unit">"%", "count", "ms" or "per hour".</param>
/// <param name="DrillDown">The page that lists the records behind the number.</param>
public sealed record MetricDefinition(string Name, string Title, string Unit, string Description, string DrillDown);

/// <summary>Every metric the metrics job stores each minute (DESIGN.md "Monitoring and alerts").</summary>
public static class MetricCatalog
{
    public const string CompletenessRate = "enrichment_completeness_rate";
    public const string BacklogSize = "enrichment_backlog_size";
    public const string ProcessingDuration = "enrichment_processing_duration";
    public const string QualityScore = "enrichment_quality_score";
    public const string FailureRate = "enrichment_failure_rate";
    public const string Throughput = "records_processed_per_hour";
    public const string PipelineSuccessRate = "pipeline_success_rate";
    public const string ConfidenceBelow50 = "ai_confidence_below_50";
    public const string Confidence50To70 = "ai_confidence_50_70";
    public const string Confidence70To90 = "ai_confidence_70_90";
    public const string Confidence90Up = "ai_confidence_90_up";
    public const string FillRateCeo = "slot_fill_rate_ceo";
    public const string FillRateCfo = "slot_fill_rate_cfo";
    public const string FillRateHr = "slot_fill_rate_hr";
    public const string ReviewQueueSize = "review_queue_size";
    public const string BackfillFailedRuns = "backfill_failed_runs_24h";
    public const string DeadLetterItems = "enrichment_dead_letter_items";
    public const string RunningJobs = "running_jobs";

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        new(CompletenessRate, "Completeness", "%", "Enrichment items with both results (confidence and label) among all items not skipped", "enrichment"),
        new(BacklogSize, "Backlog", "count", "Enrichment items waiting to be processed (pending, failed with a retry due, in progress)", "enrichment"),
        new(ProcessingDuration, "Processing time", "ms", "Average provider attempt duration over the last hour", "enrichment"),
        new(QualityScore, "Quality score", "%", "Average confidence of the items with results, 0–100", "enrichment"),
        new(FailureRate, "Failure rate", "%", "Enrichment attempts of the last hour that failed", "enrichment"),
        new(Throughput, "Throughput", "per hour", "Enrichment items finished in the last hour", "enrichment"),
        new(PipelineSuccessRate, "Pipeline success", "%", "Job runs of the last 24 hours that succeeded (the metrics job itself not counted)", "runs?status=failed"),
        new(ConfidenceBelow50, "Confidence < 0.5", "%", "Items with results whose confidence is below 0.5", "enrichment"),
        new(Confidence50To70, "Confidence 0.5–0.7", "%", "Items with results whose confidence is 0.5 to 0.7", "enrichment"),
        new(Confidence70To90, "Confidence 0.7–0.9", "%", "Items with results whose confidence is 0.7 to 0.9", "enrichment"),
        new(Confidence90Up, "Confidence ≥ 0.9", "%", "Items with results whose confidence is 0.9 or more", "enrichment"),
        new(FillRateCeo, "CEO fill rate", "%", "Companies whose CEO slot is filled", "companies?slotType=CEO&status=open"),
        new(FillRateCfo, "CFO fill rate", "%", "Companies whose CFO slot is filled", "companies?slotType=CFO&status=open"),
        new(FillRateHr, "HR fill rate", "%", "Companies whose HR slot is filled", "companies?slotType=HR&status=open"),
        new(ReviewQueueSize, "Review queue", "count", "Legacy-import rows waiting for a review decision", "review"),
        new(BackfillFailedRuns, "Failed imports (24 h)", "count", "Legacy import runs that failed in the last 24 hours", "runs?job=import-legacy-backfill&status=failed"),
        new(DeadLetterItems, "Dead-lettered", "count", "Enrichment items that used up their retries", "enrichment"),
        new(RunningJobs, "Running jobs", "count", "Job runs queued or running now", "runs?status=running"),
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
