using CleanAgent.Application.Calls;
using CleanAgent.Domain.Agents;
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

    /// <summary>The bounds of a call of this agent version: its own <c>max_call_duration</c>, within the server's.</summary>
    public CallLimits LimitsFor(AgentConfigurations configurations) =>
        new(configurations.EffectiveMaxCallDuration(media.Value.MaxCallDuration));
}
