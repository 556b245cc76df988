using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.ApiKeys;
using Portal.Domain.Audit;
using Portal.Domain.Backfill.Records;
using Portal.Domain.Companies;
using Portal.Domain.Configuration;
using Portal.Domain.Enrichment;
using Portal.Domain.Identity;
using Portal.Domain.Intake;
using Portal.Domain.Monitoring;
using Portal.Domain.Runs;
using Portal.Domain.Slots;
using Portal.Domain.Watermarks;

namespace Portal.Domain.Persistence;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<JobRunLogLine> JobRunLogLines => Set<JobRunLogLine>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<CompanySlot> CompanySlots => Set<CompanySlot>();

    public DbSet<CompanySlotHistory> CompanySlotHistory => Set<CompanySlotHistory>();

    public DbSet<PersonIntake> PeopleRawIntake => Set<PersonIntake>();

    public DbSet<AgentRoutingTask> AgentRoutingLog => Set<AgentRoutingTask>();

    public DbSet<JobWatermark> JobWatermarks => Set<JobWatermark>();

    public DbSet<ConfigVersion> ConfigVersions => Set<ConfigVersion>();

    public DbSet<BackfillImport> BackfillImports => Set<BackfillImport>();

    public DbSet<BackfillLogEntry> BackfillLog => Set<BackfillLogEntry>();

    public DbSet<MissingPart> MissingParts => Set<MissingPart>();

    public DbSet<BitBaselineSnapshot> BitBaselineSnapshots => Set<BitBaselineSnapshot>();

    public DbSet<BitSignal> BitSignals => Set<BitSignal>();

    public DbSet<TalentFlowBaselineRecord> TalentFlowBaselines => Set<TalentFlowBaselineRecord>();

    public DbSet<AlertRule> AlertRules => Set<AlertRule>();

    public DbSet<Alert> Alerts => Set<Alert>();

    public DbSet<AlertNotification> AlertNotifications => Set<AlertNotification>();

    public DbSet<MetricSample> MetricSamples => Set<MetricSample>();

    public DbSet<MetricHourly> MetricHourly => Set<MetricHourly>();

    public DbSet<EnrichmentItem> EnrichmentItems => Set<EnrichmentItem>();

    public DbSet<EnrichmentAttempt> EnrichmentAttempts => Set<EnrichmentAttempt>();

    public DbSet<EnrichmentAlert> EnrichmentAlerts => Set<EnrichmentAlert>();

    public DbSet<ProviderState> ProviderStates => Set<ProviderState>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        IdentityTables.Configure(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }
}
