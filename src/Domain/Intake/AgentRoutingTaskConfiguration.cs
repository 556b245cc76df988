using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Intake;

public sealed class AgentRoutingTaskConfiguration : IEntityTypeConfiguration<AgentRoutingTask>
{
    public void Configure(EntityTypeBuilder<AgentRoutingTask> builder)
    {
        builder.ToTable("agent_routing_log", "public");
        builder.Property(t => t.RoutedAt).HasDefaultValueSql("now()");
        builder.Property(t => t.Status).HasMaxLength(20);
        builder.Property(t => t.SlotType).HasMaxLength(10);
        builder.HasIndex(t => new { t.RecordType, t.RoutedAt });
        builder.HasIndex(t => new { t.Status, t.RecordType });
        builder.HasIndex(t => t.RecordId);
        builder.HasIndex(t => new { t.CompanyUniqueId, t.SlotType });

        // One task per slot and attempt: concurrent evaluations cannot queue the same round twice.
        builder.HasIndex(t => new { t.CompanyUniqueId, t.SlotType, t.EnrichmentAttempt })
            .IsUnique()
            .HasFilter("record_type = 'person_slot_backfill'")
            .HasDatabaseName("ux_agent_routing_log_one_task_per_slot_attempt");
    }
}
