using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Runs;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public const string SearchTextColumn = "SearchText";

    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_run", "ops");
        builder.Property(r => r.JobName).HasMaxLength(100);
        builder.Property(r => r.TriggerSource).HasMaxLength(20);
        builder.Property(r => r.TriggeredBy).HasMaxLength(256);
        builder.Property(r => r.Parameters).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.Property(r => r.Summary).HasColumnType("jsonb");
        builder.Property(r => r.Status)
            .HasConversion(s => s.ToDb(), s => RunStatusExtensions.ParseDb(s))
            .HasMaxLength(20);
        builder.Property(r => r.Node).HasMaxLength(200);
        builder.Property(r => r.CancelRequestedBy).HasMaxLength(256);
        builder.Property(r => r.QueuedAt).HasDefaultValueSql("now()");

        builder.HasMany(r => r.LogLines).WithOne().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<JobRun>().WithMany().HasForeignKey(r => r.RetryOfRunId).OnDelete(DeleteBehavior.SetNull);

        // The runs list sorts and filters by these; queued_at desc is the default order.
        builder.HasIndex(r => r.QueuedAt);
        builder.HasIndex(r => new { r.JobName, r.QueuedAt });
        builder.HasIndex(r => new { r.Status, r.QueuedAt });
        builder.HasIndex(r => r.FinishedAt);

        // Free-text search over parameters, summary and error: one generated column with a trigram index,
        // so "contains" searches stay fast on a long history.
        builder.Property<string>(SearchTextColumn)
            .HasComputedColumnSql("lower(parameters::text || ' ' || coalesce(summary::text, '') || ' ' || coalesce(error, ''))", stored: true);
        builder.HasIndex(SearchTextColumn).HasMethod("gin").HasOperators("gin_trgm_ops");

        // At most one unfinished run per exclusive job: a second trigger fails on this index,
        // so a double click or two nodes can never start the job twice.
        builder.HasIndex(r => r.JobName)
            .IsUnique()
            .HasFilter("exclusive AND status IN ('queued', 'running')")
            .HasDatabaseName("ux_job_run_one_active_per_exclusive_job");
    }
}
