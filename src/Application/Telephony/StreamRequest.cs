using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// The WebSocket upgrade request of an Agent Stream call, as providers read it: query parameters matched exactly as
/// written (the contract's names are case-sensitive), headers, and the URL the provider was given (for signatures).
/// It carries secrets (API key, bearer token), so it never prints its contents.
/// </summary>
public sealed class StreamRequest(
    string agentUuid,
    string? providerName,
    IReadOnlyList<KeyValuePair<string, string>> query,
    Func<string, string?> header,
    Uri publicUrl)
{
    public string AgentUuid { get; } = agentUuid;

    /// <summary>From the path, else the <c>provider</c> query parameter (the path wins).</summary>
    public string? ProviderName { get; } = providerName;

    /// <summary>The URL as the provider called it (scheme, host, path, query), e.g. to check a signature over it.</summary>
    public Uri PublicUrl { get; } = publicUrl;

    /// <summary>The first value of the query parameter with exactly this name, or null.</summary>
    public string? Query(string name)
    {
        foreach (var (key, value) in query)
            if (string.Equals(key, name, StringComparison.Ordinal)) return value;
        return null;
    }

    public string? Header(string name) => header(name);

    /// <summary>The <c>api_key</c> query parameter: where the contract puts the CleanAgent key unless a provider says otherwise.</summary>
    public Secret ApiKeyInUrl => new(Query("api_key") ?? string.Empty);

    public override string ToString() => $"Agent Stream request for agent {AgentUuid} ({ProviderName ?? "no provider"})";
}
