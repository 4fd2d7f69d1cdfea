using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// Reassembles whole WebSocket messages into one reused buffer. A message's payload is valid until the next
/// receive. A message over the size limit is read to its end and thrown away, then reported as
/// <see cref="ReceivedKind.TooLarge"/>: its tail is never mistaken for a message of its own, and the buffer never
/// grows past the limit.
/// </summary>
public sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes)
{
    private const int ChunkBytes = 4096;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <remarks>Pooled: the media session receives 50 messages a second per call, and none of them allocates a task.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ReceiveMessageAsync(cancellationToken);
        }
        catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.Faulted && socket.State == WebSocketState.Aborted)
        {
            // ManagedWebSocket's answer to a frame that breaks the protocol: it closes with the RFC's code, then throws.
            return new ReceivedMessage(ReceivedKind.ProtocolError, default);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ReceivedMessage> ReceiveMessageAsync(CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return new ReceivedMessage(ReceivedKind.Closed, default);

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxMessageBytes)
            {
                if (!result.EndOfMessage && await DiscardRestOfMessageAsync(cancellationToken))
                    return new ReceivedMessage(ReceivedKind.Closed, default);
                return new ReceivedMessage(ReceivedKind.TooLarge, default);
            }

            if (!result.EndOfMessage) continue;

            var kind = result.MessageType == WebSocketMessageType.Text ? ReceivedKind.Text : ReceivedKind.Binary;
            return new ReceivedMessage(kind, _buffer.WrittenMemory);
        }
    }

    /// <summary>After our close was sent: skips whatever the peer still had in flight until its close frame.</summary>
    public async Task<ReceivedMessage> ReceiveUntilClosedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await ReceiveAsync(cancellationToken);
            if (message.Kind is ReceivedKind.Closed or ReceivedKind.ProtocolError) return message;
        }
    }

    /// <summary>Reads the rest of an oversized message into a scratch chunk; true when the peer closed instead.</summary>
    private async Task<bool> DiscardRestOfMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            _buffer.ResetWrittenCount();
            var result = await socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return true;
            if (result.EndOfMessage) return false;
        }
    }
}
