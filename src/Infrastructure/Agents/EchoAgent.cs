using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Agents;

/// <summary>
/// Diagnostic agent: plays the caller's audio back one second later, and ends the call when the caller presses
/// <c>#</c>. The delay is one second of silence queued first; the session then plays every caller frame at real
/// time behind it, so each comes back one second after it arrived (as long as the provider streams continuously,
/// which Cloudonix does, silence included).
/// </summary>
internal sealed class EchoAgent : ICallAgent
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
    {
        call.Play(new short[(int)(TelephonyAudio.SampleRate * Delay.TotalSeconds)]);

        await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken))
        {
            switch (callEvent.Kind)
            {
                case CallEventKind.CallerAudio:
                    using (var audio = callEvent.Audio!) call.Play(audio.Samples);
                    break;
                case CallEventKind.Dtmf when callEvent.Digit == '#':
                    call.EndCall();
                    return;
            }
        }
    }
}
