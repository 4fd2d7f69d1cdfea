namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>The server messages of Deepgram's live API that the session acts on; everything else is <see cref="Other"/>.</summary>
internal enum DeepgramMessageKind
{
    Other,
    Results,
    SpeechStarted,
    UtteranceEnd,
    Metadata,
}
