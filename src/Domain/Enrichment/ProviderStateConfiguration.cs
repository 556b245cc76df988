using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Enrichment;

public sealed class ProviderStateConfiguration : IEntityTypeConfiguration<ProviderState>
{
    public void Configure(EntityTypeBuilder<ProviderState> builder)
    {
        builder.ToTable("provider_state", "enrichment");
        builder.HasKey(s => new { s.Provider, s.Node });
        builder.Property(s => s.Provider).HasMaxLength(40);
        builder.Property(s => s.Node).HasMaxLength(200);
        builder.Property(s => s.Circuit).HasMaxLength(20);
    }
}
