using CleanAgent.Application.Calls;
using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Agents.Voice;

namespace CleanAgent.Infrastructure.Agents;

internal sealed class CallAgentFactory(VoiceAgentServices voice) : ICallAgentFactory
{
    public ICallAgent Create(CallAgentContext context) => context.Kind switch
    {
        AgentKind.Echo => new EchoAgent(),
        AgentKind.Voice => new VoiceAgent(context, voice),
        _ => throw new ArgumentOutOfRangeException(nameof(context), context.Kind, "Unknown agent kind."),
    };
}
