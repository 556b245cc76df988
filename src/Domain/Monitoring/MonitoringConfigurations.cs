using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Domain.Monitoring;

public sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    private static readonly DateTimeOffset Seeded = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    public void Configure(EntityTypeBuilder<AlertRule> builder)
    {
        builder.ToTable("alert_rule", "ops", t => t.HasCheckConstraint("ck_alert_rule_comparison", "comparison IN ('below', 'above')"));
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.Property(r => r.Metric).HasMaxLength(100);
        builder.Property(r => r.Comparison).HasMaxLength(10);
        builder.HasIndex(r => r.Name).IsUnique();

        // Seed 002's thresholds and seed 000's fill-rate targets; Admins edit them on the Monitoring page.
        builder.HasData(
            Rule(1, "Enrichment completeness", MetricCatalog.CompletenessRate, AlertComparison.Below, warning: 85, critical: 70),
            Rule(2, "Enrichment quality", MetricCatalog.QualityScore, AlertComparison.Below, warning: 80, critical: 60),
            Rule(3, "Enrichment backlog", MetricCatalog.BacklogSize, AlertComparison.Above, warning: null, critical: 1000),
            Rule(4, "Enrichment failure rate", MetricCatalog.FailureRate, AlertComparison.Above, warning: 5, critical: 20),
            Rule(5, "CEO fill rate below target", MetricCatalog.FillRateCeo, AlertComparison.Below, warning: 80, critical: null),
            Rule(6, "CFO fill rate below target", MetricCatalog.FillRateCfo, AlertComparison.Below, warning: 70, critical: null),
            Rule(7, "HR fill rate below target", MetricCatalog.FillRateHr, AlertComparison.Below, warning: 60, critical: null),
            Rule(8, "Failed legacy imports", MetricCatalog.BackfillFailedRuns, AlertComparison.Above, warning: 0, critical: null),
            Rule(9, "Dead-lettered enrichment items", MetricCatalog.DeadLetterItems, AlertComparison.Above, warning: 0, critical: 100));
    }

    private static AlertRule Rule(long id, string name, string metric, string comparison, double? warning, double? critical) => new()
    {
        Id = id,
        Name = name,
        Metric = metric,
        Comparison = comparison,
        WarningThreshold = warning,
        CriticalThreshold = critical,
        ForMinutes = 0,
        Enabled = true,
        UpdatedBy = "defaults",
        UpdatedAt = Seeded,
    };
}

public sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alert", "ops", t => t.HasCheckConstraint("ck_alert_state", "state IN ('pending', 'firing', 'resolved')"));
        builder.Property(a => a.Metric).HasMaxLength(100);
        builder.Property(a => a.Severity).HasMaxLength(10);
        builder.Property(a => a.State).HasMaxLength(10);
        builder.HasOne<AlertRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
        // One active alert per rule: the same condition never alerts twice.
        builder.HasIndex(a => a.RuleId).IsUnique().HasFilter("state IN ('pending', 'firing')").HasDatabaseName("ux_alert_active_per_rule");
        builder.HasIndex(a => new { a.State, a.StartedAt });
    }
}

public sealed class AlertNotificationConfiguration : IEntityTypeConfiguration<AlertNotification>
{
    public void Configure(EntityTypeBuilder<AlertNotification> builder)
    {
        builder.ToTable("alert_notification", "ops");
        builder.Property(n => n.Event).HasMaxLength(20);
        builder.Property(n => n.Status).HasMaxLength(20);
        builder.Property(n => n.Payload).HasColumnType("jsonb");
        builder.HasOne<Alert>().WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_alert_notification_due");
        builder.HasIndex(n => n.AlertId);
    }
}

public sealed class MetricSampleConfiguration : IEntityTypeConfiguration<MetricSample>
{
    public void Configure(EntityTypeBuilder<MetricSample> builder)
    {
        builder.ToTable("metric_sample", "ops");
        builder.HasKey(s => new { s.Name, s.At });
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => s.At);
    }
}

public sealed class MetricHourlyConfiguration : IEntityTypeConfiguration<MetricHourly>
{
    public void Configure(EntityTypeBuilder<MetricHourly> builder)
    {
        builder.ToTable("metric_hourly", "ops");
        builder.HasKey(s => new { s.Name, s.Hour });
        builder.Property(s => s.Name).HasMaxLength(100);
    }
}
