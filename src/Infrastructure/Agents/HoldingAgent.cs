using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Agents;

/// <summary>
/// Stands in for a <c>voice</c> agent until the voice pipeline (speech-to-text, LLM, text-to-speech) lands:
/// the call is admitted and held, caller audio is consumed, and the call ends when the caller hangs up.
/// </summary>
internal sealed class HoldingAgent : ICallAgent
{
    public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
    {
        await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken)) callEvent.Audio?.Dispose();
    }
}
