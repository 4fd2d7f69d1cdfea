using CleanAgent.Infrastructure.Configuration;
using FluentValidation;

namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:*</c> settings: the server-wide provider defaults and turn timings (voice-pipeline.md's table).</summary>
public sealed class VoiceOptions
{
    public const string Section = "Voice";

    public VoiceLlmOptions Llm { get; set; } = new();

    public VoiceSttOptions Stt { get; set; } = new();

    public VoiceTtsOptions Tts { get; set; } = new();

    public VoiceTurnOptions Turn { get; set; } = new();

    /// <summary>The longest wait for a provider's first byte (and between bytes of a stream) before the turn counts as failed.</summary>
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public VoiceRecordingOptions Recording { get; set; } = new();
}

internal sealed class VoiceOptionsValidator : AbstractValidator<VoiceOptions>
{
    private static readonly string[] SttProviders = [VoiceSttOptions.OpenAi, VoiceSttOptions.Deepgram];

    public VoiceOptionsValidator()
    {
        // Nested settings are named as configured (Llm:BaseUrl), so the start-up error reads Voice:Llm:BaseUrl.
        RuleFor(o => o.Llm.BaseUrl).Must(BeHttpUrl).WithMessage("must be an absolute http(s) URL.")
            .OverridePropertyName("Llm:BaseUrl");
        RuleFor(o => o.Llm.Model).NotEmpty().WithMessage("must name a model.")
            .OverridePropertyName("Llm:Model");

        RuleFor(o => o.Stt.Provider)
            .Must(p => SttProviders.Contains(p, StringComparer.OrdinalIgnoreCase))
            .WithMessage($"must be one of {string.Join(", ", SttProviders)} (was {{PropertyValue}}).")
            .OverridePropertyName("Stt:Provider");
        RuleFor(o => o.Stt.BaseUrl)
            .Must((o, url) => url is null || (o.Stt.IsDeepgram ? BeHttpOrWebSocketUrl(url) : BeHttpUrl(url)))
            .WithMessage(o => o.Stt.IsDeepgram ? "must be an absolute ws(s) or http(s) URL." : "must be an absolute http(s) URL.")
            .OverridePropertyName("Stt:BaseUrl");
        RuleFor(o => o.Stt.Model).Must(m => m is null || m.Trim().Length > 0).WithMessage("must name a model when set.")
            .OverridePropertyName("Stt:Model");
        RuleFor(o => o.Stt.Language).MaximumLength(35).WithMessage("must be a language code such as en (was {PropertyValue}).")
            .OverridePropertyName("Stt:Language");

        RuleFor(o => o.Tts.BaseUrl).Must(BeHttpUrl).WithMessage("must be an absolute http(s) URL.")
            .OverridePropertyName("Tts:BaseUrl");
        RuleFor(o => o.Tts.Model).NotEmpty().WithMessage("must name a model.")
            .OverridePropertyName("Tts:Model");
        RuleFor(o => o.Tts.Voice).NotEmpty().WithMessage("must name a voice.")
            .OverridePropertyName("Tts:Voice");

        RuleFor(o => o.Turn.EndpointingDelay).Within(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10))
            .OverridePropertyName("Turn:EndpointingDelay");
        RuleFor(o => o.Turn.MinInterruption).Within(TimeSpan.Zero, TimeSpan.FromSeconds(10))
            .OverridePropertyName("Turn:MinInterruption");
        RuleFor(o => o.Turn.IdleTimeout).Within(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1))
            .OverridePropertyName("Turn:IdleTimeout");
        // The resilience pipeline refuses a timeout under 10 ms; past two minutes a caller has long hung up.
        RuleFor(o => o.ProviderTimeout).Within(TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(2));
        RuleFor(o => o.Recording.Folder).NotEmpty().WithMessage("must name a folder.")
            .OverridePropertyName("Recording:Folder");
    }

    private static bool BeHttpUrl(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    private static bool BeHttpOrWebSocketUrl(Uri url) =>
        BeHttpUrl(url) || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeWss || url.Scheme == Uri.UriSchemeWs));
}
