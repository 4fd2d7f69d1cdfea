using System.Net.WebSockets;
using System.Text;
using CleanAgent.Infrastructure.Observability;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// The one way CleanAgent closes a call's socket: send our close frame, then wait — at most the close timeout — for
/// the peer's. A peer that never answers costs that bound, never more; the owner of the socket aborts it afterwards.
/// </summary>
public static class BoundedClose
{
    /// <summary>WebSocket close reasons are limited to 123 bytes of UTF-8.</summary>
    public const int MaxReasonBytes = 123;

    /// <param name="peerClosed">Completes when the peer's close frame has been read (the call's reader, or a read until it).</param>
    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, Func<CancellationToken, Task> peerClosed, TimeSpan timeout)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        CallTracing.SocketClosing(status);
        try
        {
            using var bound = new CancellationTokenSource(timeout);
            await socket.CloseOutputAsync(status, Truncate(reason), bound.Token);
            if (socket.State == WebSocketState.CloseSent) await peerClosed(bound.Token).WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // The peer is gone or silent.
        }
    }

    public static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxReasonBytes) return reason;
        var cut = reason.Length;
        while (Encoding.UTF8.GetByteCount(reason.AsSpan(0, cut)) > MaxReasonBytes - 3) cut--;
        if (cut > 0 && char.IsHighSurrogate(reason[cut - 1])) cut--;
        return string.Concat(reason.AsSpan(0, cut), "...");
    }
}
