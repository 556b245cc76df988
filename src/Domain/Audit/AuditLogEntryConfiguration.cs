using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Audit;

public sealed class AuditLogEntryConfiguration : IEntityTypeConfiguration<AuditLogEntry>
{
    public const string SearchTextColumn = "SearchText";

    public void Configure(EntityTypeBuilder<AuditLogEntry> builder)
    {
        builder.ToTable("audit_log", "shq");
        builder.Property(a => a.OccurredAt).HasDefaultValueSql("now()");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.TargetType).HasMaxLength(100);
        builder.Property(a => a.TargetId).HasMaxLength(200);
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.HasIndex(a => a.OccurredAt);
        builder.HasIndex(a => new { a.Actor, a.OccurredAt });
        builder.HasIndex(a => new { a.Action, a.OccurredAt });

        // "Contains" search over target and details, trigram-indexed like the runs list.
        builder.Property<string>(SearchTextColumn)
            .HasComputedColumnSql("lower(coalesce(target_id, '') || ' ' || coalesce(details::text, ''))", stored: true);
        builder.HasIndex(SearchTextColumn).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
