using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice;

namespace CleanAgent.UnitTests.Voice;

/// <summary>The "configured?" rule admission uses: a hosted service needs a key; an on-prem server may have none.</summary>
public sealed class HostedProviderKeyCheckTests
{
    private static readonly Secret Key = new("k");

    private static VoiceProviderSettings Settings(
        string llm = "https://api.openai.com/v1", Secret? llmKey = null,
        string stt = "https://api.openai.com/v1", Secret? sttKey = null, SpeechToTextProvider sttProvider = SpeechToTextProvider.OpenAi,
        string tts = "https://api.openai.com/v1", Secret? ttsKey = null) =>
        new(
            new LlmSettings(new Uri(llm), llmKey, "m"),
            new SpeechToTextSettings(sttProvider, new Uri(stt), sttKey, "m", "en"),
            new TextToSpeechSettings(new Uri(tts), ttsKey, "m", "v"));

    private static IReadOnlyList<ProviderConfigurationProblem> Check(VoiceProviderSettings settings) => new HostedProviderKeyCheck().FindProblems(settings);

    [Fact]
    public void OpenAiEverywhere_WithoutKeys_NamesEveryMissingKey()
    {
        var problems = Check(Settings());

        Assert.Equal(["Voice:Stt:ApiKey", "Voice:Llm:ApiKey", "Voice:Tts:ApiKey"], problems.Select(p => p.Setting));
        Assert.Equal([VoiceStage.SpeechToText, VoiceStage.Llm, VoiceStage.TextToSpeech], problems.Select(p => p.Stage));
        Assert.All(problems, p => Assert.Contains(p.Setting, p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void OpenAiWithKeys_IsConfigured()
    {
        Assert.Empty(Check(Settings(llmKey: Key, sttKey: Key, ttsKey: Key)));
    }

    [Fact]
    public void OnPremServersWithoutKeys_AreConfigured()
    {
        Assert.Empty(Check(Settings(llm: "http://localhost:11434/v1", stt: "http://whisper.internal:8000/v1", tts: "http://kokoro:8880/v1")));
    }

    [Fact]
    public void DeepgramHosted_NeedsAKey_ButADeepgramCompatibleProxyDoesNot()
    {
        var hosted = Check(Settings(llmKey: Key, ttsKey: Key, stt: "wss://api.deepgram.com", sttProvider: SpeechToTextProvider.Deepgram));
        var proxy = Check(Settings(llmKey: Key, ttsKey: Key, stt: "ws://127.0.0.1:7000", sttProvider: SpeechToTextProvider.Deepgram));

        Assert.Equal("Voice:Stt:ApiKey", Assert.Single(hosted).Setting);
        Assert.Empty(proxy);
    }

    [Theory]
    [InlineData("https://API.OpenAI.com/v1")]
    [InlineData("https://api.openai.com./v1")]
    public void HostMatching_IgnoresCaseAndATrailingDot(string url)
    {
        Assert.Equal("Voice:Llm:ApiKey", Assert.Single(Check(Settings(llm: url, sttKey: Key, ttsKey: Key))).Setting);
    }

    [Fact]
    public void ABlankKey_IsNoKey()
    {
        Assert.Equal("Voice:Llm:ApiKey", Assert.Single(Check(Settings(llmKey: new Secret(" "), sttKey: Key, ttsKey: Key))).Setting);
    }
}
