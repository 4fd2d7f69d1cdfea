using System.Net.WebSockets;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Application.Calls;

/// <summary>
/// A call's media stream on its socket, provider-neutral: the handshake, then the call with its agent, and the
/// socket's close, always bounded in time. Owns the socket from the moment it is opened.
/// </summary>
public interface IMediaStream : IAsyncDisposable
{
    /// <summary>
    /// <c>connected</c> then <c>start</c>, each within <paramref name="perMessage"/>: a handshake error (<c>4400</c>)
    /// or timeout (<c>4408</c>) otherwise. Throws <see cref="WebSocketException"/> when the provider goes away.
    /// </summary>
    Task<Result<StreamStart>> ReceiveHandshakeAsync(TimeSpan perMessage, CancellationToken cancellationToken);

    /// <summary>Names the run in the stream's log lines once the call is admitted.</summary>
    void AttachRun(string runName);

    /// <summary>Runs the call until the caller, the agent, a limit or the server ends it; closes the socket.</summary>
    Task<CallOutcome> RunAsync(ICallAgent agent, CallLimits limits, CancellationToken callAborted, CancellationToken serverStopping);

    /// <summary>Closes the socket with <paramref name="status"/>, waiting a bounded time for the provider's close.</summary>
    Task CloseAsync(WebSocketCloseStatus status, string reason);
}
