using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Companies;

namespace Portal.Domain.Slots;

public sealed class CompanySlotConfiguration : IEntityTypeConfiguration<CompanySlot>
{
    public void Configure(EntityTypeBuilder<CompanySlot> builder)
    {
        builder.ToTable("company_slot", "marketing", t =>
        {
            t.HasCheckConstraint("ck_company_slot_slot_type", "slot_type IN ('CEO', 'CFO', 'HR')");
            t.HasCheckConstraint("ck_company_slot_status", "status IN ('filled', 'open', 'closed_missing')");
        });
        builder.HasKey(s => s.CompanySlotId);
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyUniqueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonUniqueId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.SlotType).HasMaxLength(10);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.IsFilled).HasDefaultValue(false);
        builder.Property(s => s.EnrichmentAttempts).HasDefaultValue(0);
        builder.Property(s => s.CandidateCount).HasDefaultValue(0);
        builder.Property(s => s.AttemptsSince).HasDefaultValueSql("'-infinity'::timestamptz");
        builder.Property(s => s.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(s => s.UpdatedAt).HasDefaultValueSql("now()");
        builder.HasIndex(s => new { s.CompanyUniqueId, s.SlotType }).IsUnique();
        builder.HasIndex(s => new { s.SlotType, s.Status });
        builder.HasIndex(s => s.PersonUniqueId);
    }
}
