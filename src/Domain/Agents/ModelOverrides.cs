namespace CleanAgent.Domain.Agents;

/// <summary>
/// Per-agent choices of model and voice (Dograh's <c>model_overrides</c>) that replace the server-wide
/// <c>Voice:*</c> defaults for calls of this agent. Null means "use the server's". Only model, voice and
/// language are read: provider and keys stay the server's (Dograh's <c>provider</c> and <c>api_key</c>
/// entries are kept in the JSON and ignored).
/// </summary>
public sealed record ModelOverrides(string? LlmModel, string? TtsVoice, string? TtsModel, string? SttModel, string? SttLanguage)
{
    public static ModelOverrides None { get; } = new(null, null, null, null, null);
}
