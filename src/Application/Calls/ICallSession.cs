using System.Threading.Channels;

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
    /// Ends the call: what is queued still plays (the last words), then the provider hangs up and the socket
    /// closes. Nothing more can be played afterwards.
    /// </summary>
    void EndCall();
}

public enum CallEventKind
{
    CallerAudio,
    Dtmf,
    MarkPlayed,
}

/// <summary>
/// One thing that happened on the call. A <see cref="CallEventKind.CallerAudio"/> event owns a pooled buffer:
/// the agent calls <see cref="CallerAudioFrame.Dispose"/> when done with it.
/// </summary>
public readonly record struct CallEvent(CallEventKind Kind, CallerAudioFrame? Audio = null, char Digit = default, string? MarkName = null)
{
    public static CallEvent ForAudio(CallerAudioFrame audio) => new(CallEventKind.CallerAudio, Audio: audio);
    public static CallEvent ForDtmf(char digit) => new(CallEventKind.Dtmf, Digit: digit);
    public static CallEvent ForMark(string name) => new(CallEventKind.MarkPlayed, MarkName: name);
}
