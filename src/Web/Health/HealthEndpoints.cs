using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CleanAgent.Web.Health;

/// <summary>
/// <c>/health</c> (the process answers, as it always has), <c>/health/live</c> (the process serves: restart it if not)
/// and <c>/health/ready</c> (database reachable, migrations applied, not draining: send it calls).
/// </summary>
internal static class HealthEndpoints
{
    private const string Readiness = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [Readiness])
            .AddCheck<NotDrainingCheck>("not draining", tags: [Readiness]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        endpoints.MapHealthChecks("/health/ready",
            new HealthCheckOptions { Predicate = check => check.Tags.Contains(Readiness), ResponseWriter = HealthReportWriter.WriteAsync });
        return endpoints;
    }
}
