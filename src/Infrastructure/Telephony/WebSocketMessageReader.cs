using System.Buffers;
using System.Net.WebSockets;

namespace CleanAgent.Infrastructure.Telephony;

public enum ReceivedKind
{
    Text,
    Binary,
    Closed,
    TooLarge,
}

public readonly record struct ReceivedMessage(ReceivedKind Kind, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reassembles whole WebSocket messages into one reused buffer. A message's payload is valid until the next
/// receive. Messages over the size limit are reported instead of growing the buffer without bound.
/// </summary>
public sealed class WebSocketMessageReader(WebSocket socket, int maxMessageBytes)
{
    private const int ChunkBytes = 4096;
    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    public async Task<ReceivedMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return new ReceivedMessage(ReceivedKind.Closed, default);

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxMessageBytes) return new ReceivedMessage(ReceivedKind.TooLarge, default);
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
            if (message.Kind == ReceivedKind.Closed) return message;
        }
    }
}
