namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Tts:*</c>: an OpenAI-compatible <c>audio/speech</c> endpoint.</summary>
public sealed class VoiceTtsOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1");

    /// <summary>Sent as <c>Authorization: Bearer</c>; none for an on-prem server (Kokoro-FastAPI, speaches) that needs no key.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "tts-1";

    public string Voice { get; set; } = "alloy";
}
