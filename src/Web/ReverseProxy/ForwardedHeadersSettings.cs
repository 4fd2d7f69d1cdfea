using System.Net;
using FluentValidation;

namespace CleanAgent.Web.ReverseProxy;

/// <summary>
/// <c>Server:ForwardedHeaders:*</c>: behind a reverse proxy or load balancer, whether to believe its
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, so that the stream URL (Twilio's signature) and the logs see the
/// platform's scheme and address instead of the proxy's. Off by default, and then only from the proxies listed: a
/// header from anyone else is ignored, or any client could claim any address.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "Server:ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>The proxies' own addresses, e.g. <c>10.0.0.5</c>.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>Networks of proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public IList<string> KnownNetworks { get; } = [];
}

internal sealed class ForwardedHeadersSettingsValidator : AbstractValidator<ForwardedHeadersSettings>
{
    public ForwardedHeadersSettingsValidator()
    {
        RuleForEach(o => o.KnownProxies).Must(p => IPAddress.TryParse(p, out _)).WithMessage("must be an IP address (was '{PropertyValue}').");
        RuleForEach(o => o.KnownNetworks).Must(n => System.Net.IPNetwork.TryParse(n, out _)).WithMessage("must be a network in CIDR notation, e.g. 10.0.0.0/24 (was '{PropertyValue}').");
        RuleFor(o => o.KnownProxies).Must((o, _) => o.KnownProxies.Count + o.KnownNetworks.Count > 0).When(o => o.Enabled)
            .WithMessage("must list the trusted proxies (or KnownNetworks their networks) when Server:ForwardedHeaders:Enabled is true: no proxy is trusted otherwise.");
    }
}
