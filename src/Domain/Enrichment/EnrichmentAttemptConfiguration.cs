using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Enrichment;

public sealed class EnrichmentAttemptConfiguration : IEntityTypeConfiguration<EnrichmentAttempt>
{
    public void Configure(EntityTypeBuilder<EnrichmentAttempt> builder)
    {
        builder.ToTable("enrichment_attempt", "enrichment");
        builder.HasOne<EnrichmentItem>().WithMany().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Provider).HasMaxLength(40);
        builder.Property(a => a.Node).HasMaxLength(200);
        builder.Property(a => a.Outcome).HasMaxLength(20);
        builder.Property(a => a.ErrorClass).HasMaxLength(40);
        builder.HasIndex(a => new { a.ItemId, a.Id });
        builder.HasIndex(a => a.At);
    }
}
