using System.Threading.Channels;

namespace CleanAgent.Application.Voice;

/// <summary>
/// One call's transcription, the same for every provider: the agent feeds it all the caller's audio as it arrives
/// and asks for the text when its own endpointing (or the session's <see cref="SpeechToTextEventKind.EndOfSpeech"/>
/// hint) says the caller's turn is over. A streaming provider transcribes while the caller speaks; a per-turn
/// provider keeps the audio and transcribes it at <see cref="FinishUtteranceAsync"/>.
/// </summary>
public interface ISpeechToTextSession : IAsyncDisposable
{
    /// <summary>Speech and transcript reports as they come (streaming providers only). Completes when the session ends.</summary>
    ChannelReader<SpeechToTextEvent> Events { get; }

    /// <summary>What the session has cost so far.</summary>
    SpeechToTextUsage Usage { get; }

    /// <summary>
    /// Hands over the next frame of caller audio (16-bit PCM, 8 kHz, mono), every frame in order, speech or not. It
    /// never blocks and does not allocate per frame; the samples are copied. After the session failed it does nothing.
    /// </summary>
    void SendAudio(ReadOnlySpan<short> pcm);

    /// <summary>
    /// The caller's turn is over: returns everything said in it. <paramref name="utteranceStart"/> is where the
    /// turn's speech began (the detector's onset, in the same audio offsets): a per-turn provider transcribes from a
    /// little before it, so the silence before the turn is neither billed nor misheard. Bounded by the provider timeout.
    /// </summary>
    Task<ProviderResult<Transcript>> FinishUtteranceAsync(TimeSpan utteranceStart, CancellationToken cancellationToken);
}
