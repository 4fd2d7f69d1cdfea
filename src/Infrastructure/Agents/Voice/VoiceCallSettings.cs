using CleanAgent.Application.Voice;
using CleanAgent.Domain.Agents;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// One call's voice settings: the providers its organization gets (the server defaults with the organization's own
/// settings over them), with the agent version's configurations laid over those.
/// </summary>
/// <param name="IdleTimeout">Silence before the agent asks whether the caller is still there (<c>max_user_idle_timeout</c>, else <c>Voice:Turn:IdleTimeout</c>).</param>
/// <param name="Keyterms">The agent's dictionary, for the speech-to-text provider.</param>
internal sealed record VoiceCallSettings(
    VoiceProviderSettings Providers,
    VoiceTurnSettings Turn,
    TimeSpan IdleTimeout,
    TimeSpan ProviderTimeout,
    IReadOnlyList<string> Keyterms)
{
    /// <param name="organizationProviders">The organization's providers (as admission judged them, <c>FindVoiceProviderProblems</c>); null: the server's.</param>
    public static VoiceCallSettings For(IVoiceDefaults defaults, AgentConfigurations configurations, VoiceProviderSettings? organizationProviders = null)
    {
        var overrides = configurations.ModelOverrides;
        var providers = organizationProviders ?? defaults.Providers;
        providers = providers with
        {
            Llm = providers.Llm with { Model = overrides.LlmModel ?? providers.Llm.Model },
            SpeechToText = providers.SpeechToText with
            {
                Model = overrides.SttModel ?? providers.SpeechToText.Model,
                Language = overrides.SttLanguage ?? providers.SpeechToText.Language,
            },
            TextToSpeech = providers.TextToSpeech with
            {
                Model = overrides.TtsModel ?? providers.TextToSpeech.Model,
                Voice = overrides.TtsVoice ?? providers.TextToSpeech.Voice,
            },
        };
        var turn = defaults.Turn;
        return new VoiceCallSettings(providers, turn, configurations.EffectiveIdleTimeout(turn.IdleTimeout), defaults.ProviderTimeout, configurations.Dictionary);
    }
}
