namespace CleanAgent.Application.Voice;

/// <summary>What a streaming speech-to-text session reports while the caller speaks. A provider that only transcribes at the end of the turn reports none.</summary>
public enum SpeechToTextEventKind
{
    /// <summary>The provider heard speech begin.</summary>
    SpeechStarted,

    /// <summary>A provisional transcript of the audio so far; a later one may replace it.</summary>
    InterimTranscript,

    /// <summary>A transcript of a piece of the audio that will not change any more.</summary>
    FinalTranscript,

    /// <summary>The provider thinks the caller has finished speaking: a hint that the caller's turn may be over.</summary>
    EndOfSpeech,

    /// <summary>The session broke (for example its socket dropped); it will report nothing more and should be replaced.</summary>
    Failed,
}
