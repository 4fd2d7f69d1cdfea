using CleanAgent.Application.Calls;
using CleanAgent.Domain.Agents;

namespace CleanAgent.Infrastructure.Agents;

internal sealed class CallAgentFactory : ICallAgentFactory
{
    public ICallAgent Create(CallAgentContext context) => context.Kind switch
    {
        AgentKind.Echo => new EchoAgent(),
        AgentKind.Voice => new HoldingAgent(),
        _ => throw new ArgumentOutOfRangeException(nameof(context), context.Kind, "Unknown agent kind."),
    };
}
