using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Companies;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("people_master", "marketing");
        builder.HasKey(p => p.UniqueId);
        builder.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyUniqueId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.LockedFields).HasDefaultValueSql("'{}'::text[]");
        builder.Property(p => p.SlotTypes).HasDefaultValueSql("'{}'::text[]");
        builder.Property(p => p.ManualOverrides).HasColumnType("jsonb");
        builder.Property(p => p.ManuallyCorrectedEmail).HasDefaultValue(false);
        builder.Property(p => p.ManuallyCorrectedTitle).HasDefaultValue(false);
        builder.Property(p => p.ManuallyCorrectedDomain).HasDefaultValue(false);
        builder.Property(p => p.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(p => p.UpdatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(p => p.CompanyUniqueId);
        builder.HasIndex(p => p.UpdatedAt);
        builder.HasIndex(p => p.Email);
        builder.HasIndex(p => p.LinkedinUrl);
    }
}
