using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;

namespace CleanAgent.UnitTests.Voice;

/// <summary>What admission answers a voice call whose providers cannot work.</summary>
public sealed class VoiceProviderReadinessTests
{
    /// <summary>The settings judged do not enter the refusal: any will do.</summary>
    private static readonly VoiceProviderSettings Judged = new(
        new LlmSettings(new Uri("https://api.openai.com/v1"), null, "gpt-4o-mini"),
        new SpeechToTextSettings(SpeechToTextProvider.OpenAi, new Uri("https://api.openai.com/v1"), null, "whisper-1", "en"),
        new TextToSpeechSettings(new Uri("https://api.openai.com/v1"), null, "tts-1", "alloy"));

    private static ProviderConfigurationProblem Missing(VoiceStage stage, string setting) =>
        new(stage, setting, $"{setting} is not set, and api.openai.com needs an API key.");

    [Fact]
    public void NoProblems_IsReady_AndRefusesNothing()
    {
        var readiness = new VoiceProviderReadiness([], Judged);

        Assert.True(readiness.IsReady);
        Assert.Null(readiness.Refusal);
    }

    [Fact]
    public void OneProblem_IsRefusedWithItsSentence_AsProviderNotConfigured()
    {
        var refusal = new VoiceProviderReadiness([Missing(VoiceStage.Llm, "Voice:Llm:ApiKey")], Judged).Refusal;

        Assert.Equal(new Error(ErrorKind.ProviderNotConfigured, "Voice:Llm:ApiKey is not set, and api.openai.com needs an API key."), refusal);
    }

    [Fact]
    public void EveryStageMissing_NamesEverySetting_WithinAWebSocketCloseReason()
    {
        var refusal = new VoiceProviderReadiness(
        [
            Missing(VoiceStage.SpeechToText, "Voice:Stt:ApiKey"), Missing(VoiceStage.Llm, "Voice:Llm:ApiKey"), Missing(VoiceStage.TextToSpeech, "Voice:Tts:ApiKey"),
        ], Judged).Refusal!;

        Assert.Equal("Voice providers are not configured: Voice:Stt:ApiKey, Voice:Llm:ApiKey, Voice:Tts:ApiKey.", refusal.Message);
        Assert.True(Encoding.UTF8.GetByteCount(refusal.Message) <= 123, "a close reason is at most 123 bytes");
    }
}
