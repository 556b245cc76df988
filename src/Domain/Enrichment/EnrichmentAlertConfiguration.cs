using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Enrichment;

public sealed class EnrichmentAlertConfiguration : IEntityTypeConfiguration<EnrichmentAlert>
{
    public void Configure(EntityTypeBuilder<EnrichmentAlert> builder)
    {
        builder.ToTable("enrichment_alert", "enrichment");
        builder.Property(a => a.Kind).HasMaxLength(40);
        builder.Property(a => a.Severity).HasMaxLength(20);
        builder.Property(a => a.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(a => a.CreatedAt).HasFilter("acknowledged_at IS NULL").HasDatabaseName("ix_enrichment_alert_open");
        builder.HasIndex(a => a.ItemId);
    }
}
