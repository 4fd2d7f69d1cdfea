namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Stt:*</c>. The base URL and model default by provider, so they stay unset here until the provider is known.</summary>
public sealed class VoiceSttOptions
{
    public const string OpenAi = "openai";
    public const string Deepgram = "deepgram";

    /// <summary><c>openai</c> or <c>deepgram</c>.</summary>
    public string Provider { get; set; } = OpenAi;

    /// <summary>Unset: <c>https://api.openai.com/v1</c> (openai) or <c>wss://api.deepgram.com</c> (deepgram).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>OpenAI: <c>Authorization: Bearer</c>; Deepgram: <c>Authorization: Token</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Unset: <c>whisper-1</c> (openai) or <c>nova-3</c> (deepgram).</summary>
    public string? Model { get; set; }

    public string Language { get; set; } = "en";

    internal bool IsDeepgram => string.Equals(Provider, Deepgram, StringComparison.OrdinalIgnoreCase);

    internal Uri EffectiveBaseUrl => BaseUrl ?? (IsDeepgram ? new Uri("wss://api.deepgram.com") : new Uri("https://api.openai.com/v1"));

    internal string EffectiveModel => string.IsNullOrWhiteSpace(Model) ? (IsDeepgram ? "nova-3" : "whisper-1") : Model;
}
