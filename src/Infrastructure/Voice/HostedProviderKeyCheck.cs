using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>
/// A stage pointed at a hosted service that always wants a key (api.openai.com, api.deepgram.com) but has none is
/// not configured: the call would only fail at its first turn. Any other host may be an on-prem server that needs
/// no key (vLLM, Ollama, faster-whisper, Kokoro), so no key is fine there.
/// </summary>
internal sealed class HostedProviderKeyCheck : IVoiceProviderConfigurationCheck
{
    private static readonly string[] HostsNeedingAKey = ["api.openai.com", "api.deepgram.com"];

    public IReadOnlyList<ProviderConfigurationProblem> FindProblems(VoiceProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        List<ProviderConfigurationProblem> problems = [];
        Check(VoiceStage.SpeechToText, settings.SpeechToText.BaseUrl, settings.SpeechToText.ApiKey is not { IsBlank: false }, "Voice:Stt:ApiKey", problems);
        Check(VoiceStage.Llm, settings.Llm.BaseUrl, settings.Llm.ApiKey is not { IsBlank: false }, "Voice:Llm:ApiKey", problems);
        Check(VoiceStage.TextToSpeech, settings.TextToSpeech.BaseUrl, settings.TextToSpeech.ApiKey is not { IsBlank: false }, "Voice:Tts:ApiKey", problems);
        return problems;
    }

    private static void Check(VoiceStage stage, Uri baseUrl, bool keyMissing, string setting, List<ProviderConfigurationProblem> problems)
    {
        if (!keyMissing || !NeedsAKey(baseUrl)) return;
        problems.Add(new ProviderConfigurationProblem(stage, setting, $"{setting} is not set, and {baseUrl.Host} needs an API key."));
    }

    private static bool NeedsAKey(Uri baseUrl) =>
        baseUrl.IsAbsoluteUri && HostsNeedingAKey.Any(host => string.Equals(baseUrl.IdnHost.TrimEnd('.'), host, StringComparison.OrdinalIgnoreCase));
}
