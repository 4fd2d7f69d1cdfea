namespace CleanAgent.Application.Voice;

/// <summary>The providers of every stage for one call. Start from the server defaults and override per organization or agent version with <c>with</c>.</summary>
public sealed record VoiceProviderSettings(LlmSettings Llm, SpeechToTextSettings SpeechToText, TextToSpeechSettings TextToSpeech);
