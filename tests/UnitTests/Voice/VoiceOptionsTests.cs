using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanAgent.UnitTests.Voice;

/// <summary>The <c>Voice:*</c> settings as registered by <see cref="VoiceRegistration.AddVoiceProviders"/>: defaults, validation, and what they become.</summary>
public sealed class VoiceOptionsTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddVoiceProviders(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Defaults_AreTheSpecsTable()
    {
        using var services = Services();

        var voice = services.GetRequiredService<IOptions<VoiceOptions>>().Value;
        var defaults = services.GetRequiredService<IVoiceDefaults>();

        Assert.Equal(new Uri("https://api.openai.com/v1"), defaults.Providers.Llm.BaseUrl);
        Assert.Null(defaults.Providers.Llm.ApiKey);
        Assert.Equal("gpt-4o-mini", defaults.Providers.Llm.Model);
        Assert.Equal(SpeechToTextProvider.OpenAi, defaults.Providers.SpeechToText.Provider);
        Assert.Equal(new Uri("https://api.openai.com/v1"), defaults.Providers.SpeechToText.BaseUrl);
        Assert.Equal("whisper-1", defaults.Providers.SpeechToText.Model);
        Assert.Equal("en", defaults.Providers.SpeechToText.Language);
        Assert.Equal(new Uri("https://api.openai.com/v1"), defaults.Providers.TextToSpeech.BaseUrl);
        Assert.Equal(("tts-1", "alloy"), (defaults.Providers.TextToSpeech.Model, defaults.Providers.TextToSpeech.Voice));
        Assert.Equal(new VoiceTurnSettings(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10)), defaults.Turn);
        Assert.Equal(TimeSpan.FromSeconds(5), defaults.ProviderTimeout);
        Assert.Equal(Path.Combine(CleanAgent.Infrastructure.Persistence.DatabaseOptions.DefaultDataFolder(), "recordings"), voice.Recording.Folder);
    }

    [Fact]
    public void RecordingFolder_Relative_IsInsideTheDataFolder_AndAbsoluteStaysAsIs()
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "cleanagent-data");
        var database = new CleanAgent.Infrastructure.Persistence.DatabaseOptions { DataFolder = dataFolder };
        VoiceOptions With(string folder)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>("Voice:Recording:Folder", folder)])
                .Build();
            using var services = new ServiceCollection().AddLogging().AddSingleton(database).AddVoiceProviders(configuration).BuildServiceProvider();
            return services.GetRequiredService<IOptions<VoiceOptions>>().Value;
        }

        Assert.Equal(Path.Combine(dataFolder, "calls", "wav"), With("calls/wav").Recording.Folder);
        Assert.Equal("/srv/recordings", With("/srv/recordings").Recording.Folder);
    }

    [Fact]
    public void Deepgram_DefaultsToItsOwnUrlAndModel()
    {
        using var services = Services(("Voice:Stt:Provider", "deepgram"), ("Voice:Stt:ApiKey", "dg-key"));

        var stt = services.GetRequiredService<IVoiceDefaults>().Providers.SpeechToText;

        Assert.Equal(SpeechToTextProvider.Deepgram, stt.Provider);
        Assert.Equal(new Uri("wss://api.deepgram.com"), stt.BaseUrl);
        Assert.Equal("nova-3", stt.Model);
        Assert.Equal("dg-key", stt.ApiKey!.Value.Value);
    }

    [Fact]
    public void ConfiguredValues_AreTaken_AndABlankKeyIsNoKey()
    {
        using var services = Services(
            ("Voice:Llm:BaseUrl", "http://vllm.internal:8000/v1"),
            ("Voice:Llm:ApiKey", "  "),
            ("Voice:Llm:Model", "llama-3.1-8b"),
            ("Voice:Tts:Voice", "af_bella"),
            ("Voice:Turn:EndpointingDelay", "00:00:00.8"),
            ("Voice:ProviderTimeout", "00:00:02"));

        var defaults = services.GetRequiredService<IVoiceDefaults>();

        Assert.Equal(new LlmSettings(new Uri("http://vllm.internal:8000/v1"), null, "llama-3.1-8b"), defaults.Providers.Llm);
        Assert.Equal("af_bella", defaults.Providers.TextToSpeech.Voice);
        Assert.Equal(TimeSpan.FromMilliseconds(800), defaults.Turn.EndpointingDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), defaults.ProviderTimeout);
    }

    [Theory]
    [InlineData("Voice:Llm:BaseUrl", "not a url")]
    [InlineData("Voice:Llm:BaseUrl", "ftp://llm.example.com")]
    [InlineData("Voice:Llm:Model", "")]
    [InlineData("Voice:Stt:Provider", "whisperx")]
    [InlineData("Voice:Stt:BaseUrl", "wss://api.deepgram.com")]
    [InlineData("Voice:Stt:Language", "this-is-not-a-language-code-at-all-really")]
    [InlineData("Voice:Tts:BaseUrl", "/relative")]
    [InlineData("Voice:Tts:Voice", "")]
    [InlineData("Voice:Turn:EndpointingDelay", "00:00:00.05")]
    [InlineData("Voice:Turn:MinInterruption", "-00:00:01")]
    [InlineData("Voice:Turn:IdleTimeout", "00:00:00")]
    [InlineData("Voice:ProviderTimeout", "00:00:00")]
    [InlineData("Voice:ProviderTimeout", "00:10:00")]
    [InlineData("Voice:Recording:Folder", "")]
    public void OutOfRangeValue_IsRefusedAtStart_NamingItsKey(string key, string value)
    {
        using var services = Services((key, value));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VoiceOptions>>().Value);

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidationMessages_NeverShowAnApiKey()
    {
        using var services = Services(("Voice:Llm:ApiKey", "sk-should-not-appear"), ("Voice:Llm:BaseUrl", "nope"), ("Voice:Tts:ApiKey", "sk-tts-secret"), ("Voice:Tts:Model", ""));

        var refused = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<VoiceOptions>>().Value);

        Assert.DoesNotContain("sk-should-not-appear", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-tts-secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deepgram_AcceptsAWebSocketUrl()
    {
        using var services = Services(("Voice:Stt:Provider", "Deepgram"), ("Voice:Stt:BaseUrl", "ws://127.0.0.1:9000"));

        Assert.Equal(new Uri("ws://127.0.0.1:9000"), services.GetRequiredService<IVoiceDefaults>().Providers.SpeechToText.BaseUrl);
    }

    [Fact]
    public void SettingsRecords_NeverPrintTheirKey()
    {
        var settings = new LlmSettings(new Uri("https://api.openai.com/v1"), new Secret("sk-live-123"), "gpt-4o-mini");

        Assert.DoesNotContain("sk-live-123", settings.ToString(), StringComparison.Ordinal);
    }
}
