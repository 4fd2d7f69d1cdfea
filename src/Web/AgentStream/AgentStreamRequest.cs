using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Web.AgentStream;

/// <summary>
/// The Agent Stream URL, read once at the edge. Query names are matched exactly as Cloudonix sends them.
/// Secrets are wrapped in <see cref="Secret"/> at once; the raw URL is never kept.
/// </summary>
public sealed record AgentStreamRequest(
    string AgentUuid,
    string? Provider,
    Secret ApiKey,
    CloudonixStreamParameters Cloudonix)
{
    public static AgentStreamRequest From(HttpRequest request, string? pathProvider, string agentUuid)
    {
        // ASP.NET Core's query collection ignores case; the contract matches names exactly.
        var query = request.Query;
        string? Read(string name) => query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value.FirstOrDefault();

        return new AgentStreamRequest(
            agentUuid,
            // The provider in the path wins over the query parameter.
            string.IsNullOrEmpty(pathProvider) ? Read("provider") : pathProvider,
            new Secret(Read("api_key") ?? string.Empty),
            new CloudonixStreamParameters(
                new Secret(Read("session") ?? string.Empty),
                Read("AccountSid"),
                Read("CallSid"),
                Read("callId"),
                Read("from"),
                Read("to")));
    }
}
