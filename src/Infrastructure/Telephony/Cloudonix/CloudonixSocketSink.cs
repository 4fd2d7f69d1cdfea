using System.Net.WebSockets;
using CleanAgent.Infrastructure.Calls;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary>
/// Outbound audio onto the Cloudonix socket as <c>media</c>, <c>mark</c> and <c>clear</c> messages, through one
/// reused buffer. Sends are never cancelled (see <see cref="OutboundAudioPlayer.RunAsync"/>).
/// </summary>
internal sealed class CloudonixSocketSink(WebSocket socket, CloudonixOutboundWriter writer) : IOutboundMediaSink
{
    private readonly byte[] _buffer = new byte[writer.MaxMediaLength(OutboundAudioPlayer.FrameSamples)];

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame)
    {
        var length = writer.WriteMedia(frame.Span, _buffer);
        return socket.SendAsync(_buffer.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    public ValueTask SendMarkAsync(string name) =>
        socket.SendAsync(writer.Mark(name).AsMemory(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public ValueTask SendClearAsync() =>
        socket.SendAsync(writer.Clear, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
