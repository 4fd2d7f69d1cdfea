using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>The <c>Voice:*</c> settings as the Application's provider settings (built once: options are validated at start and do not change).</summary>
internal sealed class ConfiguredVoiceDefaults(IOptions<VoiceOptions> options) : IVoiceDefaults
{
    private readonly Lazy<VoiceProviderSettings> _providers = new(() => ToSettings(options.Value));

    public VoiceProviderSettings Providers => _providers.Value;

    public VoiceTurnSettings Turn => new(options.Value.Turn.EndpointingDelay, options.Value.Turn.MinInterruption, options.Value.Turn.IdleTimeout);

    public TimeSpan ProviderTimeout => options.Value.ProviderTimeout;

    internal static VoiceProviderSettings ToSettings(VoiceOptions voice) => new(
        new LlmSettings(voice.Llm.BaseUrl, KeyOrNone(voice.Llm.ApiKey), voice.Llm.Model),
        new SpeechToTextSettings(
            voice.Stt.IsDeepgram ? SpeechToTextProvider.Deepgram : SpeechToTextProvider.OpenAi,
            voice.Stt.EffectiveBaseUrl,
            KeyOrNone(voice.Stt.ApiKey),
            voice.Stt.EffectiveModel,
            voice.Stt.Language),
        new TextToSpeechSettings(voice.Tts.BaseUrl, KeyOrNone(voice.Tts.ApiKey), voice.Tts.Model, voice.Tts.Voice));

    /// <summary>An empty environment variable (<c>Voice__Llm__ApiKey=</c>) means no key, not a blank one.</summary>
    private static Secret? KeyOrNone(string? key) => string.IsNullOrWhiteSpace(key) ? null : new Secret(key.Trim());
}
