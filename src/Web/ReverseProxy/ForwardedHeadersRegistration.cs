using System.Net;
using CleanAgent.Infrastructure.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.ReverseProxy;

/// <summary>
/// ASP.NET Core's forwarded-headers middleware, opt-in (<see cref="ForwardedHeadersSettings"/>): the request's scheme
/// and remote address become what the trusted proxy forwarded. ASP.NET Core's own defaults (loopback trusted) are
/// replaced by the list, so that exactly the proxies an operator named are believed.
/// </summary>
internal static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ForwardedHeadersSettings, ForwardedHeadersSettingsValidator>(configuration, ForwardedHeadersSettings.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((options, settings) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
                if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            foreach (var network in settings.Value.KnownNetworks)
                if (System.Net.IPNetwork.TryParse(network, out var parsed)) options.KnownIPNetworks.Add(parsed);
        });
        return services;
    }

    /// <summary>First in the pipeline when enabled, so that everything after it sees the forwarded scheme and address.</summary>
    public static WebApplication UseForwardedHeadersWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled) app.UseForwardedHeaders();
        return app;
    }
}
