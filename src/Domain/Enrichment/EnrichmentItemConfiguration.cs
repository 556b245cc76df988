using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Enrichment;

public sealed class EnrichmentItemConfiguration : IEntityTypeConfiguration<EnrichmentItem>
{
    public void Configure(EntityTypeBuilder<EnrichmentItem> builder)
    {
        builder.ToTable("enrichment_item", "enrichment", t =>
        {
            t.HasCheckConstraint("ck_enrichment_item_status", "status IN ('pending', 'in_progress', 'completed', 'failed', 'dead_letter', 'skipped')");
            t.HasCheckConstraint("ck_enrichment_item_retry_count", $"enrichment_retry_count BETWEEN 0 AND {RetrySchedule.MaxRetries}");
        });
        builder.Property(i => i.Source).HasMaxLength(20);
        builder.Property(i => i.SlotType).HasMaxLength(10);
        builder.Property(i => i.Status).HasMaxLength(20);
        builder.Property(i => i.LookupStatus).HasMaxLength(12).HasDefaultValue(StageStatus.Pending);
        builder.Property(i => i.ValidateStatus).HasMaxLength(12).HasDefaultValue(StageStatus.Pending);
        builder.Property(i => i.ApplyStatus).HasMaxLength(12).HasDefaultValue(StageStatus.Pending);
        builder.Property(i => i.EnrichmentRetryCount).HasDefaultValue(0);
        builder.Property(i => i.AiLabel).HasMaxLength(20);
        builder.Property(i => i.LastErrorClass).HasMaxLength(40);
        builder.Property(i => i.MergeLog).HasColumnType("jsonb");
        builder.Property(i => i.ErrorMessages).HasDefaultValueSql("'{}'::text[]");
        builder.Property(i => i.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.UpdatedAt).HasDefaultValueSql("now()");

        // One item per routing task: ingesting the same task twice (two nodes, a re-run) adds nothing.
        builder.HasIndex(i => i.RoutingTaskId).IsUnique();

        // The worker's claim: due items in due order.
        builder.HasIndex(i => i.NextAttemptAt).HasFilter("status IN ('pending', 'failed')").HasDatabaseName("ix_enrichment_item_due");
        builder.HasIndex(i => i.ClaimedUntil).HasFilter("status = 'in_progress'").HasDatabaseName("ix_enrichment_item_claimed");
        builder.HasIndex(i => new { i.Status, i.LastErrorClass });
        builder.HasIndex(i => new { i.CompanyUniqueId, i.SlotType, i.Id });
        builder.HasIndex(i => new { i.BackfillRunId, i.Status });
        builder.HasIndex(i => i.LastEnrichmentAttempt);

        // Seed 002's indexes by its names: what needs enrichment, and what is being retried.
        builder.HasIndex(i => i.Id).HasFilter("ai_confidence IS NULL OR ai_label IS NULL").HasDatabaseName("idx_enrichment_pending");
        builder.HasIndex(i => i.EnrichmentRetryCount).HasFilter("enrichment_retry_count > 0 AND enrichment_retry_count < 5").HasDatabaseName("idx_enrichment_retry");
    }
}
