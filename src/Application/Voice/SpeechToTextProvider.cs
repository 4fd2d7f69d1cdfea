namespace CleanAgent.Application.Voice;

/// <summary>Which protocol the speech-to-text stage speaks (<c>Voice:Stt:Provider</c>).</summary>
public enum SpeechToTextProvider
{
    /// <summary>OpenAI-compatible <c>audio/transcriptions</c>: one request per caller utterance at the end of the turn.</summary>
    OpenAi,

    /// <summary>Deepgram live streaming: one socket per call, fed as the caller speaks, with interim results and endpointing hints.</summary>
    Deepgram,
}
