using System.Net.WebSockets;
using System.Text;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.UnitTests.Support;

namespace CleanAgent.UnitTests.Calls;

public sealed class WebSocketMessageReaderTests
{
    private const int Limit = 1024;

    [Fact]
    public async Task OversizedMessage_IsDiscardedWhole_AndItsTailIsNeverReadAsAMessage()
    {
        using var pair = new InMemoryWebSocketPair();
        var reader = new WebSocketMessageReader(pair.Server, Limit);
        var ct = TestContext.Current.CancellationToken;
        // Padding well past the limit, ending in what would be a valid message on its own.
        var oversized = new string(' ', 10 * Limit) + """{"event":"dtmf","dtmf":{"digit":"#"}}""";
        var sending = Task.Run(async () =>
        {
            await SendTextAsync(pair.Client, oversized, fragment: 700);
            await SendTextAsync(pair.Client, """{"event":"media"}""", fragment: 0);
        }, ct);

        var first = await reader.ReceiveAsync(ct);
        var second = await reader.ReceiveAsync(ct);
        await sending;

        Assert.Equal(ReceivedKind.TooLarge, first.Kind);
        Assert.Equal(ReceivedKind.Text, second.Kind);
        Assert.Equal("""{"event":"media"}""", Encoding.UTF8.GetString(second.Payload.Span));
    }

    [Fact]
    public async Task MessageAtTheLimit_IsReceivedWhole_FromManyFragments()
    {
        using var pair = new InMemoryWebSocketPair();
        var reader = new WebSocketMessageReader(pair.Server, Limit);
        var ct = TestContext.Current.CancellationToken;
        var message = "\"" + new string('a', Limit - 2) + "\"";
        var sending = SendTextAsync(pair.Client, message, fragment: 100);

        var received = await reader.ReceiveAsync(ct);
        await sending;

        Assert.Equal(ReceivedKind.Text, received.Kind);
        Assert.Equal(message, Encoding.UTF8.GetString(received.Payload.Span));
    }

    [Fact]
    public async Task PeerClosingInTheMiddleOfAnOversizedMessage_IsReportedAsClosed()
    {
        using var pair = new InMemoryWebSocketPair();
        var reader = new WebSocketMessageReader(pair.Server, Limit);
        var ct = TestContext.Current.CancellationToken;
        var sending = Task.Run(async () =>
        {
            await pair.Client.SendAsync(new byte[3 * Limit], WebSocketMessageType.Binary, endOfMessage: false, ct);
            await pair.Client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct);
        }, ct);

        // A control frame may come between the fragments of a message (RFC 6455 §5.4): the close ends the discard.
        var received = await reader.ReceiveAsync(ct);
        await sending;

        Assert.Equal(ReceivedKind.Closed, received.Kind);
    }

    /// <summary>Sends a text message in fragments of <paramref name="fragment"/> bytes (0: in one frame).</summary>
    private static async Task SendTextAsync(WebSocket socket, string text, int fragment)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (fragment == 0) fragment = bytes.Length;
        for (var at = 0; at < bytes.Length; at += fragment)
        {
            var length = Math.Min(fragment, bytes.Length - at);
            await socket.SendAsync(bytes.AsMemory(at, length), WebSocketMessageType.Text, endOfMessage: at + length == bytes.Length, CancellationToken.None);
        }
    }

    [Fact]
    public async Task InvalidUtf8Text_IsAProtocolError_ThePeerIsToldWith1007()
    {
        using var pair = new InMemoryWebSocketPair();
        var reader = new WebSocketMessageReader(pair.Server, Limit);
        var ct = TestContext.Current.CancellationToken;
        await pair.Client.SendAsync(new byte[] { 0x7b, 0xff, 0xfe, 0x7d }, WebSocketMessageType.Text, endOfMessage: true, ct);

        var received = await reader.ReceiveAsync(ct);
        var peer = await pair.Client.ReceiveAsync(new byte[256], ct);

        Assert.Equal(ReceivedKind.ProtocolError, received.Kind);
        Assert.Equal(WebSocketMessageType.Close, peer.MessageType);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, peer.CloseStatus);
    }
}
