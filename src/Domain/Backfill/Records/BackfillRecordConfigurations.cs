using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Companies;

namespace Portal.Domain.Backfill.Records;

public sealed class BackfillImportConfiguration : IEntityTypeConfiguration<BackfillImport>
{
    public void Configure(EntityTypeBuilder<BackfillImport> builder)
    {
        builder.ToTable("backfill_import", "ops");
        builder.Property(i => i.FileHash).HasMaxLength(64);
        builder.Property(i => i.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(i => i.ColumnMap).HasColumnType("jsonb");
        builder.Property(i => i.RevertSummary).HasColumnType("jsonb");
        builder.HasIndex(i => i.FileHash);
        builder.HasIndex(i => i.RunId);
    }
}

public sealed class BackfillLogEntryConfiguration : IEntityTypeConfiguration<BackfillLogEntry>
{
    public void Configure(EntityTypeBuilder<BackfillLogEntry> builder)
    {
        builder.ToTable("backfill_log", "public", t =>
            t.HasCheckConstraint("ck_backfill_log_resolution_status", "resolution_status IN ('initialized', 'unresolved', 'duplicate', 'error', 'skipped_locked')"));
        builder.Property(l => l.Id).HasDefaultValueSql("gen_random_uuid()");
        builder.Property(l => l.SourceData).HasColumnType("jsonb");
        builder.Property(l => l.ActionsTaken).HasColumnType("jsonb");
        builder.Property(l => l.MatchConfidence).HasPrecision(5, 3);
        builder.Property(l => l.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<BackfillImport>().WithMany().HasForeignKey(l => l.ImportId).OnDelete(DeleteBehavior.Cascade);

        // One outcome per row of an import: a resumed import cannot log a row twice.
        builder.HasIndex(l => new { l.ImportId, l.RowNumber }).IsUnique();
        builder.HasIndex(l => l.SourceRowHash);
        builder.HasIndex(l => new { l.ImportId, l.ResolutionStatus });
    }
}

public sealed class MissingPartConfiguration : IEntityTypeConfiguration<MissingPart>
{
    public void Configure(EntityTypeBuilder<MissingPart> builder)
    {
        builder.ToTable("missing_parts", "garage");
        builder.HasKey(m => m.MissingId);
        builder.Property(m => m.SourceData).HasColumnType("jsonb");
        builder.Property(m => m.MatchAttempts).HasColumnType("jsonb");
        builder.Property(m => m.ResolutionChanges).HasColumnType("jsonb");
        builder.Property(m => m.ConfidenceScore).HasPrecision(5, 3);
        builder.Property(m => m.Resolved).HasDefaultValue(false);
        builder.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<BackfillImport>().WithMany().HasForeignKey(m => m.ImportId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.Resolved, m.IssueType, m.ConfidenceScore });
        builder.HasIndex(m => m.ImportId);
        builder.HasIndex(m => m.BackfillLogId).IsUnique();
    }
}

public sealed class BitBaselineSnapshotConfiguration : IEntityTypeConfiguration<BitBaselineSnapshot>
{
    public void Configure(EntityTypeBuilder<BitBaselineSnapshot> builder)
    {
        builder.ToTable("bit_baseline_snapshot", "public");
        builder.HasKey(b => b.BaselineId);
        builder.Property(b => b.Metadata).HasColumnType("jsonb");
        builder.Property(b => b.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.PersonUniqueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => b.PersonUniqueId);
        builder.HasIndex(b => b.ImportId);
    }
}

public sealed class BitSignalConfiguration : IEntityTypeConfiguration<BitSignal>
{
    public void Configure(EntityTypeBuilder<BitSignal> builder)
    {
        builder.ToTable("bit_signal", "public");
        builder.Property(s => s.Metadata).HasColumnType("jsonb");
        builder.Property(s => s.Scored).HasDefaultValue(false);
        builder.Property(s => s.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonUniqueId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.Scored, s.SourceType });
        builder.HasIndex(s => s.PersonUniqueId);
    }
}

public sealed class TalentFlowBaselineConfiguration : IEntityTypeConfiguration<TalentFlowBaselineRecord>
{
    public void Configure(EntityTypeBuilder<TalentFlowBaselineRecord> builder)
    {
        builder.ToTable("talent_flow_baseline", "public");
        builder.HasKey(t => t.BaselineId);
        builder.Property(t => t.SnapshotData).HasColumnType("jsonb");
        builder.Property(t => t.Metadata).HasColumnType("jsonb");
        builder.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonUniqueId).OnDelete(DeleteBehavior.Cascade);

        // One baseline per person (seed 001).
        builder.HasIndex(t => t.PersonUniqueId).IsUnique();
    }
}
