using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Configuration;

public sealed class ConfigVersionConfiguration : IEntityTypeConfiguration<ConfigVersion>
{
    public void Configure(EntityTypeBuilder<ConfigVersion> builder)
    {
        builder.ToTable("config_version", "ops");
        builder.Property(c => c.Kind).HasMaxLength(50);
        builder.Property(c => c.Content).HasColumnType("jsonb");
        builder.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(c => new { c.Kind, c.Version }).IsUnique();
    }
}
