using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;

namespace CleanAgent.UnitTests.Voice;

/// <summary>What admission answers a voice call whose providers cannot work.</summary>
public sealed class VoiceProviderReadinessTests
{
    private static ProviderConfigurationProblem Missing(VoiceStage stage, string setting) =>
        new(stage, setting, $"{setting} is not set, and api.openai.com needs an API key.");

    [Fact]
    public void NoProblems_IsReady_AndRefusesNothing()
    {
        var readiness = new VoiceProviderReadiness([]);

        Assert.True(readiness.IsReady);
        Assert.Null(readiness.Refusal);
    }

    [Fact]
    public void OneProblem_IsRefusedWithItsSentence_AsProviderNotConfigured()
    {
        var refusal = new VoiceProviderReadiness([Missing(VoiceStage.Llm, "Voice:Llm:ApiKey")]).Refusal;

        Assert.Equal(new Error(ErrorKind.ProviderNotConfigured, "Voice:Llm:ApiKey is not set, and api.openai.com needs an API key."), refusal);
    }

    [Fact]
    public void EveryStageMissing_NamesEverySetting_WithinAWebSocketCloseReason()
    {
        var refusal = new VoiceProviderReadiness(
        [
            Missing(VoiceStage.SpeechToText, "Voice:Stt:ApiKey"), Missing(VoiceStage.Llm, "Voice:Llm:ApiKey"), Missing(VoiceStage.TextToSpeech, "Voice:Tts:ApiKey"),
        ]).Refusal!;

        Assert.Equal("Voice providers are not configured: Voice:Stt:ApiKey, Voice:Llm:ApiKey, Voice:Tts:ApiKey.", refusal.Message);
        Assert.True(Encoding.UTF8.GetByteCount(refusal.Message) <= 123, "a close reason is at most 123 bytes");
    }
}
