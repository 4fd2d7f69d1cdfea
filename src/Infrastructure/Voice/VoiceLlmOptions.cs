namespace CleanAgent.Infrastructure.Voice;

/// <summary><c>Voice:Llm:*</c>: an OpenAI-compatible chat-completions endpoint.</summary>
public sealed class VoiceLlmOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.openai.com/v1");

    /// <summary>Sent as <c>Authorization: Bearer</c>; none (or blank) for an on-prem server that needs no key.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "gpt-4o-mini";
}
