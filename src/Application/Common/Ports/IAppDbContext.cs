using CleanAgent.Domain.Agents;
using CleanAgent.Domain.ApiKeys;
using CleanAgent.Domain.Organizations;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using CleanAgent.Domain.Telephony;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Common.Ports;

/// <summary>The use cases' view of the database. One instance per use case: a long call never pins one.</summary>
public interface IAppDbContext
{
    DbSet<Organization> Organizations { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Agent> Agents { get; }
    DbSet<AgentVersion> AgentVersions { get; }
    DbSet<WorkflowRun> WorkflowRuns { get; }
    DbSet<CapacityReservation> CapacityReservations { get; }
    DbSet<ServerInstance> ServerInstances { get; }
    DbSet<TelephonyAccount> TelephonyAccounts { get; }
    DbSet<OrganizationProviderSettings> OrganizationProviderSettings { get; }
    DbSet<RunTranscriptTurn> RunTranscriptTurns { get; }
    DbSet<RunNodeVisit> RunNodeVisits { get; }
    DbSet<RunTurnLatency> RunTurnLatencies { get; }
    DbSet<RunProviderUsage> RunProviderUsages { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>True when saving failed because a unique index refused the row (provider-specific error codes).</summary>
    bool IsUniqueViolation(Exception exception);

    /// <summary>Forgets an entity whose insert the database refused, so the next save does not retry it.</summary>
    void Detach(object entity);
}
