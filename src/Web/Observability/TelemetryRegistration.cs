using CleanAgent.Infrastructure.Observability;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CleanAgent.Web.Observability;

/// <summary>
/// Metrics through OpenTelemetry: CleanAgent's own meter, ASP.NET Core's and the runtime's, scraped in Prometheus
/// format at <c>/metrics</c>, and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Traces only then:
/// without an exporter no tracer provider is built, nothing listens to the sources, and no span is ever made.
/// </summary>
internal static class TelemetryRegistration
{
    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Kestrel's memory-pool meter: it records a measurement on every buffer rented and returned, that is several per
    /// audio frame, a few per cent of the server's work on one call. The pool's size says little an operator acts
    /// on; the process's memory is in the runtime's metrics.
    /// </summary>
    private const string MemoryPoolMeter = "Microsoft.AspNetCore.MemoryPool";

    /// <summary>ASP.NET Core's request-span attribute with the query string: the Agent Stream URL's carries the API key.</summary>
    private const string UrlQueryAttribute = "url.query";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(CallMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddView(instrument => instrument.Meter.Name == MemoryPoolMeter ? MetricStreamConfiguration.Drop : null)
                .AddPrometheusExporter();
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp) telemetry.WithTracing(tracing => tracing.AddCallTracing().AddOtlpExporter());
        return services;
    }

    /// <summary>
    /// What the server traces: its own spans (<see cref="CallTracing"/>) under ASP.NET Core's request spans. The query
    /// string is never recorded — in code, so that no setting can bring it back: the library replaces query values
    /// with <c>Redacted</c> by default, but one environment variable turns that off, and the Agent Stream URL carries
    /// the API key and the provider's bearer token.
    /// </summary>
    public static TracerProviderBuilder AddCallTracing(this TracerProviderBuilder tracing) => tracing
        .AddSource(CallTracing.SourceName)
        .AddAspNetCoreInstrumentation(options =>
        {
            options.EnrichWithHttpRequest = (activity, _) => activity.SetTag(UrlQueryAttribute, null);
            options.RecordException = false; // an exception's message may quote what it failed on
        });

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }
}
