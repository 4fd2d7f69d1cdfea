namespace CleanAgent.Domain.Runs;

/// <summary>
/// The pipeline stage a provider's usage is counted for. Stored and shown as <c>stt</c>, <c>llm</c>, <c>tts</c>
/// (<see cref="RunProviderUsage.CodeOf"/>), the names the <c>Voice:*</c> settings use.
/// </summary>
public enum UsageStage
{
    SpeechToText = 0,
    Llm = 1,
    TextToSpeech = 2,
}
