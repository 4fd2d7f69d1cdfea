namespace CleanAgent.Application.Voice;

/// <summary>
/// A failed provider call as a value. <see cref="Message"/> is safe to log and store: it never holds a secret,
/// a transcript or a provider's raw answer.
/// </summary>
/// <param name="StatusCode">The HTTP status for <see cref="ProviderErrorKind.HttpStatus"/> (also a refused WebSocket upgrade).</param>
public sealed record ProviderError(VoiceStage Stage, ProviderErrorKind Kind, string Message, int? StatusCode = null)
{
    public ProviderException ToException() => new(this);
}
