namespace CleanAgent.Application.Voice;

/// <summary>The stages of the voice pipeline that call out to a provider.</summary>
public enum VoiceStage
{
    SpeechToText,
    Llm,
    TextToSpeech,
}
