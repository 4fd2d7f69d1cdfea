using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Agents.Voice;
using CleanAgent.Infrastructure.Voice;
using Microsoft.Extensions.Options;

namespace CleanAgent.UnitTests.Voice.Agent;

/// <summary>A call's settings: the server's <c>Voice:*</c> defaults with the agent version's configurations laid over them.</summary>
public sealed class VoiceCallSettingsTests
{
    private static readonly ConfiguredVoiceDefaults Defaults = new(Options.Create(new VoiceOptions()));

    [Fact]
    public void WithoutConfigurations_TheServerDefaultsApply()
    {
        var settings = VoiceCallSettings.For(Defaults, AgentConfigurations.Empty);

        Assert.Equal(Defaults.Providers, settings.Providers);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.IdleTimeout);
        Assert.Empty(settings.Keyterms);
    }

    [Fact]
    public void ModelOverridesIdleTimeoutAndDictionary_AreTheAgents()
    {
        var configurations = AgentConfigurations.Parse("""
            {"max_user_idle_timeout": 4, "dictionary": "Acme, Zendesk",
             "model_overrides": {"llm": {"model": "llama-3.1-8b"}, "tts": {"voice": "nova", "model": "tts-1-hd"},
                                 "stt": {"model": "nova-2", "language": "de"}}}
            """).Configurations!;

        var settings = VoiceCallSettings.For(Defaults, configurations);

        Assert.Equal("llama-3.1-8b", settings.Providers.Llm.Model);
        Assert.Equal(("tts-1-hd", "nova"), (settings.Providers.TextToSpeech.Model, settings.Providers.TextToSpeech.Voice));
        Assert.Equal(("nova-2", "de"), (settings.Providers.SpeechToText.Model, settings.Providers.SpeechToText.Language));
        Assert.Equal(Defaults.Providers.Llm.BaseUrl, settings.Providers.Llm.BaseUrl); // endpoints and keys stay the server's
        Assert.Equal(TimeSpan.FromSeconds(4), settings.IdleTimeout);
        Assert.Equal(["Acme", "Zendesk"], settings.Keyterms);
    }
}
