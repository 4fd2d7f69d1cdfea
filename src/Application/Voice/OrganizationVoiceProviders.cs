using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Voice;

/// <summary>The providers an organization's calls get: the server's <c>Voice:*</c> with the organization's own settings laid over them.</summary>
internal static class OrganizationVoiceProviders
{
    public static async Task<VoiceProviderSettings> ResolveAsync(
        IAppDbContext db, ISecretProtector protector, IVoiceDefaults defaults, Guid organizationId, CancellationToken cancellationToken)
    {
        var overrides = await db.OrganizationProviderSettings.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId)
            .ToListAsync(cancellationToken);
        var settings = defaults.Providers;
        foreach (var stage in overrides)
        {
            Secret? key = stage.ProtectedApiKey is { } protectedKey ? protector.Unprotect(SecretPurpose.ProviderApiKey(organizationId, stage.Stage), protectedKey) : null;
            settings = stage.Stage switch
            {
                "llm" => settings with { Llm = Over(settings.Llm, stage, key) },
                "stt" => settings with { SpeechToText = Over(settings.SpeechToText, stage, key) },
                "tts" => settings with { TextToSpeech = Over(settings.TextToSpeech, stage, key) },
                _ => settings,
            };
        }

        return settings;
    }

    // A stage's own base URL is another service: the server's key for it would be sent where it does not belong.
    private static Secret? KeyFor(OrganizationProviderSettings stage, Secret? own, Secret? server) => own ?? (stage.BaseUrl is null ? server : null);

    private static LlmSettings Over(LlmSettings server, OrganizationProviderSettings stage, Secret? key) => new(
        stage.BaseUrl is { } url ? new Uri(url) : server.BaseUrl, KeyFor(stage, key, server.ApiKey), stage.Model ?? server.Model);

    private static SpeechToTextSettings Over(SpeechToTextSettings server, OrganizationProviderSettings stage, Secret? key) => new(
        stage.Provider switch { "deepgram" => SpeechToTextProvider.Deepgram, "openai" => SpeechToTextProvider.OpenAi, _ => server.Provider },
        stage.BaseUrl is { } url ? new Uri(url) : server.BaseUrl, KeyFor(stage, key, server.ApiKey), stage.Model ?? server.Model, stage.Language ?? server.Language);

    private static TextToSpeechSettings Over(TextToSpeechSettings server, OrganizationProviderSettings stage, Secret? key) => new(
        stage.BaseUrl is { } url ? new Uri(url) : server.BaseUrl, KeyFor(stage, key, server.ApiKey), stage.Model ?? server.Model, stage.Voice ?? server.Voice);
}
