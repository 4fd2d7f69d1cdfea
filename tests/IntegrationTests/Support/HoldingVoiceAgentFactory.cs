using CleanAgent.Application.Calls;
using CleanAgent.Domain.Agents;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// For the tests that are not about the voice pipeline (admission, quotas, the media session, hang-ups): a <c>voice</c>
/// call is admitted and held in silence, consuming the caller's audio, until the caller hangs up — the behaviour they
/// were written against — instead of talking to providers they do not start. Every other kind is the server's own.
/// The voice tests run the real <c>VoiceAgent</c> (<see cref="CleanAgentHost"/>'s <c>realVoiceAgents</c>).
/// </summary>
internal sealed class HoldingVoiceAgentFactory(ICallAgentFactory server) : ICallAgentFactory
{
    public ICallAgent Create(CallAgentContext context) => context.Kind == AgentKind.Voice ? new HoldingAgent() : server.Create(context);

    private sealed class HoldingAgent : ICallAgent
    {
        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken)) callEvent.Audio?.Dispose();
        }
    }
}
