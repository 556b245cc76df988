using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.ApiKeys;
using Portal.Domain.Audit;
using Portal.Domain.Companies;
using Portal.Domain.Identity;
using Portal.Domain.Intake;
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm");
        IdentityTables.Configure(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        SnakeCaseNaming.Apply(builder);
    }
}
