namespace CleanAgent.Application.Voice;

/// <summary>
/// A provider failure raised where a value cannot be returned: from a stream (text-to-speech audio, streamed chat
/// completions) and from the <c>IChatClient</c> that the chat client factory makes. Adapters throw nothing else for
/// provider faults; <see cref="OperationCanceledException"/> means the caller's own token was cancelled.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ProviderError error)
        : base($"{error.Stage} provider failed ({error.Kind}): {error.Message}") => Error = error;

    public ProviderException(ProviderError error, Exception innerException)
        : base($"{error.Stage} provider failed ({error.Kind}): {error.Message}", innerException) => Error = error;

    public ProviderError Error { get; }
}
