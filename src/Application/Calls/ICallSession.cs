using System.Threading.Channels;
using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Calls;

/// <summary>
/// What a live call offers its agent. Audio is 16-bit PCM, 8 kHz, mono (the telephony rate); an agent that
/// needs another rate resamples. Outbound audio is queued and played at real time by the session.
/// </summary>
public interface ICallSession
{
    /// <summary>Caller audio, DTMF and mark echoes, in arrival order. Completes when the caller is gone.</summary>
    ChannelReader<CallEvent> Events { get; }

    /// <summary>Queues audio to play after what is already queued. The samples are copied.</summary>
    void Play(ReadOnlySpan<short> pcm);

    /// <summary>Marks the end of an utterance: its echo (<see cref="CallEventKind.MarkPlayed"/>) says the caller heard it.</summary>
    void Mark(string name);

    /// <summary>Barge-in: drops all queued audio and tells the provider to drop what it buffered.</summary>
    void ClearAudio();

    /// <summary>
    /// Ends the call for <paramref name="reason"/> (<c>agent_ended</c>, <c>user_idle</c>, <c>provider_error</c>, …): what
    /// is queued still plays (the last words), then the provider hangs up and the socket closes. Nothing more can be
    /// played afterwards; a second end is ignored.
    /// </summary>
    void EndCall(RunEndReason reason);

    /// <summary>The agent ended the call (<c>agent_ended</c>).</summary>
    void EndCall() => EndCall(RunEndReason.AgentEnded);
}
