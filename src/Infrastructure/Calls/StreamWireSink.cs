using System.Net.WebSockets;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// Outbound audio onto the call's socket as its provider's <c>media</c>, <c>mark</c> and <c>clear</c> messages,
/// through one reused buffer. Sends are never cancelled (see <see cref="OutboundAudioPlayer.RunAsync"/>).
/// </summary>
internal sealed class StreamWireSink(WebSocket socket, IStreamWire wire) : IOutboundMediaSink
{
    private readonly byte[] _buffer = new byte[wire.MaxMediaLength(TelephonyAudio.FrameBytes)];

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame)
    {
        var length = wire.WriteMedia(frame.Span, _buffer);
        return socket.SendAsync(_buffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    public ValueTask SendMarkAsync(string name) =>
        socket.SendAsync(wire.Mark(name).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public ValueTask SendClearAsync() =>
        socket.SendAsync(wire.Clear, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
