using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Configuration;
using CleanAgent.Infrastructure.Voice.Deepgram;
using CleanAgent.Infrastructure.Voice.OpenAi;
using CleanAgent.Infrastructure.Voice.Vad;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CleanAgent.Infrastructure.Voice;

/// <summary>The voice pipeline's provider adapters, their settings and their HTTP clients.</summary>
public static class VoiceRegistration
{
    /// <summary>
    /// Registers <c>Voice:*</c> (validated at start), the VAD, speech-to-text (OpenAI-compatible and Deepgram, chosen
    /// per call by its settings), text-to-speech, the chat client factory (the LLM port), the server defaults and the
    /// configuration check admission uses.
    /// </summary>
    public static IServiceCollection AddVoiceProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVoiceSettings(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IVoiceActivityDetectorFactory, EnergyVoiceActivityDetectorFactory>();

        services.AddSingleton<OpenAiTranscription>();
        services.AddSingleton<DeepgramSpeechToText>();
        services.AddSingleton<ISpeechToText, SpeechToTextRouter>();
        services.AddSingleton<ITextToSpeech, OpenAiSpeechSynthesizer>();
        services.AddSingleton<IChatClientFactory, OpenAiChatClientFactory>();

        AddProviderHttpClient(services, VoiceHttpClients.Llm);
        AddProviderHttpClient(services, VoiceHttpClients.SpeechToText);
        AddProviderHttpClient(services, VoiceHttpClients.TextToSpeech);
        return services;
    }

    /// <summary>
    /// <c>Voice:*</c> (validated at start), the server defaults built from it and the configuration check admission uses —
    /// without the adapters, so every composition that runs use cases (the server, the admin CLI) has them. Once only.
    /// </summary>
    public static IServiceCollection AddVoiceSettings(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IVoiceDefaults))) return services;

        services.AddValidatedOptions<VoiceOptions, VoiceOptionsValidator>(configuration, VoiceOptions.Section);
        services.AddSingleton<IPostConfigureOptions<VoiceOptions>, RecordingFolderResolution>();
        services.AddSingleton<IVoiceDefaults, ConfiguredVoiceDefaults>();
        services.AddSingleton<IVoiceProviderConfigurationCheck, HostedProviderKeyCheck>();
        return services;
    }

    /// <summary>
    /// <c>Voice:ProviderTimeout</c> bounds the wait for the response headers (the first byte) of every request, its
    /// retry included; streams are read with <c>ResponseHeadersRead</c>, so their bodies are outside it and get a
    /// per-read deadline of the same length from the adapters. One quick retry covers a dropped connection or a
    /// transient 5xx/429; the voice agent's own retry (with "One moment, please." playing) covers the rest, so retries
    /// here stay few and fast rather than stacking into dead air.
    /// </summary>
    private static void AddProviderHttpClient(IServiceCollection services, string name)
    {
        services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (pipeline, context) =>
            {
                var limit = context.ServiceProvider.GetRequiredService<IOptions<VoiceOptions>>().Value.ProviderTimeout;
                pipeline.AddTimeout(limit);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = true,
                });
                pipeline.AddTimeout(limit);
            });
    }
}
