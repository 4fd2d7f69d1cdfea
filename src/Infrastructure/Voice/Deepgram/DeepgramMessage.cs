namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>One server message, reduced to what the session uses. Times are seconds into the audio sent on the socket.</summary>
/// <param name="Transcript">Results: the first alternative's transcript (may be empty).</param>
/// <param name="IsFinal">Results: this piece of audio will not be transcribed differently any more.</param>
/// <param name="SpeechFinal">Results: Deepgram's endpointing heard the speaker stop.</param>
/// <param name="FromFinalize">Results: the answer to our <c>Finalize</c>.</param>
/// <param name="At">Results: end of the transcribed piece (start + duration); SpeechStarted: its timestamp; UtteranceEnd: the last word's end.</param>
internal readonly record struct DeepgramMessage(
    DeepgramMessageKind Kind,
    string Transcript = "",
    bool IsFinal = false,
    bool SpeechFinal = false,
    bool FromFinalize = false,
    double At = 0);
