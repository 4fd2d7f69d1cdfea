namespace CleanAgent.Application.Voice;

/// <summary>Why a provider call failed; the voice agent retries once whatever the kind, then ends the call <c>provider_error</c>.</summary>
public enum ProviderErrorKind
{
    /// <summary>No first byte (or no next byte of a stream) within <c>Voice:ProviderTimeout</c>.</summary>
    Timeout,

    /// <summary>The provider answered with a non-success HTTP status (see <see cref="ProviderError.StatusCode"/>).</summary>
    HttpStatus,

    /// <summary>The provider could not be reached: refused or dropped connection, DNS, TLS, a socket that closed mid-call.</summary>
    Unreachable,

    /// <summary>The provider answered, but not in its protocol: not JSON, wrong types, too large.</summary>
    Protocol,

    /// <summary>The provider answered correctly-formed nothing: no audio, no text, no tool call.</summary>
    EmptyResult,
}
