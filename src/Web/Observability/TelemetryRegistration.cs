using CleanAgent.Infrastructure.Observability;
using OpenTelemetry.Metrics;

namespace CleanAgent.Web.Observability;

/// <summary>
/// Metrics through OpenTelemetry: CleanAgent's own meter, ASP.NET Core's and the runtime's, scraped in Prometheus
/// format at <c>/metrics</c>, and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CallMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
