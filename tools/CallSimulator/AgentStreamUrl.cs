using System.Text;

namespace CleanAgent.CallSimulator;

/// <summary>
/// The Agent Stream URL exactly as Cloudonix builds it from a CXML <c>&lt;Stream url=…/&gt;</c>, or as a TwiML gives it
/// to Twilio (see agent-stream.md).
/// </summary>
public static class AgentStreamUrl
{
    /// <summary>
    /// <c>ws(s)://host/api/v1/agent-stream/{agent}?api_key=…&amp;provider=cloudonix&amp;session=…&amp;AccountSid=…&amp;CallSid=…</c>,
    /// plus <c>callId</c>, <c>from</c>, <c>to</c> when set; for Twilio <c>ws(s)://host/api/v1/agent-stream/twilio/{agent}</c> and
    /// no query string (Twilio accepts none). An http(s) base becomes ws(s). A Cloudonix URL carries secrets: do not
    /// print or log it.
    /// </summary>
    public static Uri For(SimulatedCallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scheme = options.ServerBaseAddress.Scheme switch
        {
            "http" or "ws" => "ws",
            "https" or "wss" => "wss",
            var other => throw new ArgumentException($"Unsupported scheme '{other}': use http, https, ws or wss.", nameof(options)),
        };

        var agent = Uri.EscapeDataString(options.AgentUuid);
        if (options.Provider == SimulatedProvider.Twilio)
            return new UriBuilder(options.ServerBaseAddress) { Scheme = scheme, Path = $"/api/v1/agent-stream/twilio/{agent}", Query = string.Empty }.Uri;

        var path = options.ProviderInPath ? $"/api/v1/agent-stream/cloudonix/{agent}" : $"/api/v1/agent-stream/{agent}";
        var query = new StringBuilder();
        Add("api_key", options.ApiKey);
        if (!options.ProviderInPath) Add("provider", "cloudonix");
        Add("session", options.Session);
        Add("AccountSid", options.AccountSid);
        Add("CallSid", options.CallSid);
        Add("callId", options.CallId);
        Add("from", options.From);
        Add("to", options.To);

        return new UriBuilder(options.ServerBaseAddress) { Scheme = scheme, Path = path, Query = query.ToString() }.Uri;

        void Add(string name, string? value)
        {
            if (value is null) return;
            if (query.Length > 0) query.Append('&');
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
