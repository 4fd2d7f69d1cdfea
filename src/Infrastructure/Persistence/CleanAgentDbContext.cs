using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.ApiKeys;
using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using CleanAgent.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Infrastructure.Persistence;

/// <summary>
/// The one EF Core model, shared by both database providers. Each provider has its own subclass only so
/// that each keeps its own migrations (<see cref="SqliteCleanAgentDbContext"/>, <see cref="SqlServerCleanAgentDbContext"/>).
/// It also keeps the Data Protection key ring, so every server process and the admin CLI read the secrets any of
/// them protected, and the dashboard's accounts (<see cref="DashboardUser"/>: Identity's user tables, without roles).
/// </summary>
public abstract class CleanAgentDbContext(DbContextOptions options) : IdentityUserContext<DashboardUser, Guid>(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<AgentVersion> AgentVersions => Set<AgentVersion>();
    public DbSet<WorkflowRun> WorkflowRuns => Set<WorkflowRun>();
    public DbSet<CapacityReservation> CapacityReservations => Set<CapacityReservation>();
    public DbSet<ServerInstance> ServerInstances => Set<ServerInstance>();
    public DbSet<TelephonyAccount> TelephonyAccounts => Set<TelephonyAccount>();
    public DbSet<OrganizationProviderSettings> OrganizationProviderSettings => Set<OrganizationProviderSettings>();

    /// <summary>The key ring of <see cref="Security.DataProtectionSecretProtector"/>: Data Protection reads and writes it, use cases never do.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<RunTranscriptTurn> RunTranscriptTurns => Set<RunTranscriptTurn>();
    public DbSet<RunNodeVisit> RunNodeVisits => Set<RunNodeVisit>();
    public DbSet<RunTurnLatency> RunTurnLatencies => Set<RunTurnLatency>();
    public DbSet<RunProviderUsage> RunProviderUsages => Set<RunProviderUsage>();

    public bool IsUniqueViolation(Exception exception) => exception.GetBaseException() switch
    {
        // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        // Cannot insert duplicate key row (unique index) / Violation of PRIMARY KEY or UNIQUE constraint
        SqlException sqlServer => sqlServer.Number is 2601 or 2627,
        _ => false,
    };

    public void Detach(object entity) => Entry(entity).State = EntityState.Detached;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder); // Identity's tables first; our configurations add to its user
        builder.ApplyConfigurationsFromAssembly(typeof(CleanAgentDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Both providers hand back DateTime of unspecified kind; every time in CleanAgent is UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    Task<int> IAppDbContext.SaveChangesAsync(CancellationToken cancellationToken) => SaveChangesAsync(cancellationToken);
}
