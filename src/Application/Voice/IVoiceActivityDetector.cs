namespace CleanAgent.Application.Voice;

/// <summary>
/// Finds the caller's speech in 8 kHz telephone audio, frame by frame, for one call (it keeps state: a noise floor,
/// the current speech segment). Runs 50 times a second per call, so implementations do not allocate per frame.
/// Not thread-safe: one reader of the call's audio feeds it.
/// </summary>
public interface IVoiceActivityDetector
{
    /// <summary>Samples analysed at a time: one 20 ms frame at 8 kHz.</summary>
    const int FrameSamples = Calls.TelephonyAudio.FrameSamples;

    /// <summary>
    /// Feeds the next piece of the caller's audio (16-bit PCM, 8 kHz, mono), at most <see cref="FrameSamples"/>
    /// samples; shorter pieces are gathered until a whole frame is there. A longer frame is sliced by the caller so
    /// that no state change is lost between two reports.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is longer than <see cref="FrameSamples"/>.</exception>
    VoiceActivity Process(ReadOnlySpan<short> pcm);

    /// <summary>Forgets everything (noise floor, speech state, position), as if newly created.</summary>
    void Reset();
}
