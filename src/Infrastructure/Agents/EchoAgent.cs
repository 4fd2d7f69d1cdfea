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

    // Shared by every call: playing copies the samples, so one read-only second of zeros is enough for all of them.
    private static readonly short[] DelaySilence = new short[(int)(TelephonyAudio.SampleRate * Delay.TotalSeconds)];

    public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
    {
        call.Play(DelaySilence);

        // The wait takes no token on purpose: an uncancellable wait reuses the channel's one waiter, where a cancellable
        // one allocates each time (50 times a second). The session completes the channel when the call ends.
        var events = call.Events;
        while (await events.WaitToReadAsync(CancellationToken.None))
        {
            while (events.TryRead(out var callEvent))
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

                if (cancellationToken.IsCancellationRequested) return;
            }
        }
    }
}
