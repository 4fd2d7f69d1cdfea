using CleanAgent.Application.Common;
using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Telephony;

/// <summary>How a run ends when its handshake does not complete: timed out (<c>4408</c>) or failed (anything else).</summary>
public static class HandshakeEnd
{
    public static RunEndReason ReasonFor(Error error) =>
        error.Kind == ErrorKind.ProviderHandshakeTimeout ? RunEndReason.HandshakeTimeout : RunEndReason.HandshakeFailed;
}
