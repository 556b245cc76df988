using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Intake;

public sealed class PersonIntakeConfiguration : IEntityTypeConfiguration<PersonIntake>
{
    public void Configure(EntityTypeBuilder<PersonIntake> builder)
    {
        builder.ToTable("people_raw_intake", "intake");
        builder.Property(i => i.SlotType).HasMaxLength(10);
        builder.Property(i => i.BackfillSource).HasMaxLength(50);
        builder.Property(i => i.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.Validated).HasDefaultValue(false);

        // The seed's indexes, by the seed's names.
        builder.HasIndex(i => i.SlotType).HasDatabaseName("idx_people_raw_intake_slot_type");
        builder.HasIndex(i => i.BackfillSource).HasDatabaseName("idx_people_raw_intake_backfill_source");
        builder.HasIndex(i => new { i.CompanyUniqueId, i.SlotType })
            .IsUnique()
            .HasFilter("source_system = 'slot_backfill' AND validated = FALSE")
            .HasDatabaseName("idx_people_raw_intake_unique_slot_backfill");
        builder.HasIndex(i => i.CompanyUniqueId);
    }
}
