using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.ApiKeys;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_key", "shq");
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.KeyPrefix).HasMaxLength(ApiKeySecret.PrefixLength);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Role).HasMaxLength(20);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.RevokedBy).HasMaxLength(256);
        builder.Property(k => k.CreatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Ignore(k => k.IsActive);
    }
}
