using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Companies;

namespace Portal.Domain.Slots;

public sealed class CompanySlotHistoryConfiguration : IEntityTypeConfiguration<CompanySlotHistory>
{
    public void Configure(EntityTypeBuilder<CompanySlotHistory> builder)
    {
        builder.ToTable("company_slot_history", "marketing");
        builder.HasOne<Company>().WithMany().HasForeignKey(h => h.CompanyUniqueId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(h => h.SlotType).HasMaxLength(10);
        builder.Property(h => h.Status).HasMaxLength(20);
        builder.Property(h => h.ChangedAt).HasDefaultValueSql("now()");
        builder.HasIndex(h => new { h.CompanyUniqueId, h.SlotType, h.ChangedAt });
    }
}
