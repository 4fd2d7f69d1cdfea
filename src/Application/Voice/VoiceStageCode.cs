namespace CleanAgent.Application.Voice;

/// <summary>A voice stage as the API and the database spell it: <c>llm</c>, <c>stt</c>, <c>tts</c>.</summary>
public static class VoiceStageCode
{
    public static string Of(VoiceStage stage) => stage switch
    {
        VoiceStage.Llm => "llm",
        VoiceStage.SpeechToText => "stt",
        VoiceStage.TextToSpeech => "tts",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown voice stage."),
    };

    public static VoiceStage? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "llm" => VoiceStage.Llm,
        "stt" => VoiceStage.SpeechToText,
        "tts" => VoiceStage.TextToSpeech,
        _ => null,
    };
}
