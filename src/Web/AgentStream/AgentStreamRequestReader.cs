using CleanAgent.Application.Telephony;

namespace CleanAgent.Web.AgentStream;

/// <summary>
/// Reads the upgrade request once, at the edge, into the provider-neutral <see cref="StreamRequest"/>. The raw URL
/// carries secrets and is never logged; query names keep their exact spelling (the contract matches them exactly,
/// where ASP.NET Core's query collection would ignore case).
/// </summary>
internal static class AgentStreamRequestReader
{
    /// <summary>Query parameters beyond this many are ignored: no provider uses more than a handful.</summary>
    private const int MaxQueryParameters = 64;

    public static StreamRequest Read(HttpRequest request, string? pathProvider, string agentUuid)
    {
        var query = request.Query
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? string.Empty)))
            .Take(MaxQueryParameters)
            .ToList();
        var provider = string.IsNullOrEmpty(pathProvider) ? query.FirstOrDefault(p => p.Key == "provider").Value : pathProvider;
        return new StreamRequest(agentUuid, provider, query, name => request.Headers[name].FirstOrDefault(), PublicUrl(request));
    }

    /// <summary>
    /// The URL as the provider called it: behind a TLS-terminating proxy the server sees <c>ws://</c>, while the
    /// provider called (and signed) <c>wss://</c>, which the proxy reports in <c>X-Forwarded-Proto</c>.
    /// </summary>
    private static Uri PublicUrl(HttpRequest request)
    {
        var secure = request.IsHttps || string.Equals(request.Headers["X-Forwarded-Proto"].FirstOrDefault(), "https", StringComparison.OrdinalIgnoreCase);
        return new Uri($"{(secure ? "wss" : "ws")}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}");
    }
}
