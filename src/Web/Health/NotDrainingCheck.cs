using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanAgent.Web.Health;

/// <summary>Unready from the first moment of a stop, so the load balancer sends new calls elsewhere while these drain.</summary>
internal sealed class NotDrainingCheck(CallDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining
            ? HealthCheckResult.Unhealthy($"draining: {drain.ActiveCalls} call(s) in progress, new calls turned away")
            : HealthCheckResult.Healthy("taking calls"));
}
