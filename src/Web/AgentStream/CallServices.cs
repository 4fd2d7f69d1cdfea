using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Options;

namespace CleanAgent.Web.AgentStream;

/// <summary>What an admitted call needs beyond admission: its agent, the provider's call control, media settings.</summary>
internal sealed class CallServices(ICallAgentFactory agentFactory, ICallControl callControl, IOptions<MediaSessionOptions> mediaOptions)
{
    public ICallAgentFactory AgentFactory { get; } = agentFactory;
    public ICallControl CallControl { get; } = callControl;
    public MediaSessionOptions MediaOptions { get; } = mediaOptions.Value;
}
