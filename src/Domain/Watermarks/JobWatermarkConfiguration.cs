using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Watermarks;

public sealed class JobWatermarkConfiguration : IEntityTypeConfiguration<JobWatermark>
{
    public void Configure(EntityTypeBuilder<JobWatermark> builder)
    {
        builder.ToTable("job_watermark", "ops");
        builder.HasKey(w => new { w.JobName, w.Entity });
        builder.Property(w => w.JobName).HasMaxLength(100);
        builder.Property(w => w.Entity).HasMaxLength(200);
        builder.Property(w => w.Metadata).HasColumnType("jsonb");
        builder.Property(w => w.UpdatedAt).HasDefaultValueSql("now()");
    }
}
