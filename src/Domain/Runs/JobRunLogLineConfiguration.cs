using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Runs;

public sealed class JobRunLogLineConfiguration : IEntityTypeConfiguration<JobRunLogLine>
{
    public void Configure(EntityTypeBuilder<JobRunLogLine> builder)
    {
        builder.ToTable("job_run_log", "ops");
        builder.Property(l => l.Level).HasMaxLength(10);
        builder.Property(l => l.At).HasDefaultValueSql("now()");
        builder.HasIndex(l => new { l.RunId, l.Id });
    }
}
