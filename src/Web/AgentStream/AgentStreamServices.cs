using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Web.Common;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.AgentStream;

/// <summary>What an Agent Stream connection uses, resolved once per connection.</summary>
internal sealed class AgentStreamServices(
    UseCases useCases,
    TelephonyProviderResolver providers,
    IMediaStreams streams,
    ICallAgentFactory agents,
    IOptions<AgentStreamOptions> options,
    IOptions<MediaSessionOptions> media)
{
    public UseCases UseCases { get; } = useCases;
    public TelephonyProviderResolver Providers { get; } = providers;
    public IMediaStreams Streams { get; } = streams;
    public ICallAgentFactory Agents { get; } = agents;
    public AgentStreamOptions Options { get; } = options.Value;

    /// <summary>The server's own bound on every call.</summary>
    public CallLimits Limits { get; } = new(media.Value.MaxCallDuration);
}
