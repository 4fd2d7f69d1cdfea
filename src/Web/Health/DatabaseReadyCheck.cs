using CleanAgent.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAgent.Web.Health;

/// <summary>Ready only when the database answers and its schema is this build's (on the database's own threads, like every use case).</summary>
internal sealed class DatabaseReadyCheck(DatabaseMigrator migrator, DatabaseThreads threads) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var problem = await threads.Run(() => migrator.FindUnreadinessAsync(cancellationToken), cancellationToken);
            return problem is null ? HealthCheckResult.Healthy("the database answers, every migration applied") : HealthCheckResult.Unhealthy(problem);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer"); // the exception's text may name servers and users
        }
    }
}
