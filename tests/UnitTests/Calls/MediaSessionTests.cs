using System.Net.WebSockets;
using System.Text;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Agents;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;
using CleanAgent.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanAgent.UnitTests.Calls;

/// <summary>How a call's end is told apart when the connection itself goes, whichever side of the session sees it first.</summary>
public sealed class MediaSessionTests
{
    [Fact]
    public async Task ConnectionGone_WhileTheReaderHasNotNoticed_IsTheCallerHangingUp_NotAServerFault()
    {
        // The connection is aborted, and the reader's receive only reports it a little later: anything else that
        // watched the connection would see the drop first — the order a busy server sometimes sees.
        var socket = new SocketThatNoticesTheDropLate();
        var providerCall = Substitute.For<IProviderCall>();
        using var session = NewSession(socket, providerCall);
        using var connection = new CancellationTokenSource();
        var call = session.RunAsync(new ListeningAgent(), connection.Token, CancellationToken.None);

        await connection.CancelAsync();
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(RunEndReason.UserHangup, outcome.Reason);
        Assert.Null(outcome.Fault);
        await providerCall.DidNotReceiveWithAnyArgs().HangUpAsync(default);
    }

    [Fact]
    public async Task ProtocolViolation_SeenFirstByTheWriter_IsStillAProtocolViolation_NotAHangup()
    {
        // The caller sends a text frame that is not UTF-8. The socket answers 1007 and aborts itself; the writer, busy
        // sending the agent's audio, fails on the dead socket before the reader reports why.
        using var pair = new InMemoryWebSocketPair();
        var socket = new SlowToReportFaults(pair.Server);
        var providerCall = Substitute.For<IProviderCall>();
        using var session = NewSession(socket, providerCall);
        var call = session.RunAsync(new TalkingAgent(), CancellationToken.None, CancellationToken.None);
        var ct = TestContext.Current.CancellationToken;
        var draining = DrainAsync(pair.Client);

        await pair.Client.SendAsync(new byte[] { 0x7b, 0xff, 0x7d }, WebSocketMessageType.Text, endOfMessage: true, ct);
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10), ct);

        Assert.Equal(RunEndReason.ProtocolError, outcome.Reason);
        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await draining);
    }

    [Fact]
    public async Task EachCallerFrame_SendsTheAgentsFrameDueThen_WithoutWaitingForTheClock()
    {
        // A clock that never ticks: whatever the agent's stream sends after its first frames, it sends because a caller
        // frame arrived. The echo agent answers each caller frame with one of its own, behind a second of silence.
        var time = new ManualTime();
        using var neverTicks = new MediaClock(time);
        using var pair = new InMemoryWebSocketPair();
        using var session = NewSession(pair.Server, Substitute.For<IProviderCall>(), neverTicks);
        var ct = TestContext.Current.CancellationToken;
        var call = session.RunAsync(new EchoAgent(), CancellationToken.None, CancellationToken.None);
        var media = Encoding.UTF8.GetBytes($$$"""{"event":"media","streamSid":"MZ1","media":{"track":"inbound","payload":"{{{Convert.ToBase64String(new byte[160])}}}"}}""");
        var buffer = new byte[4096];
        for (var first = 0; first < 3; first++) await pair.Client.ReceiveAsync(buffer.AsMemory(), ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct); // the frame playing and the 40 ms lead

        for (var frame = 0; frame < 5; frame++)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await pair.Client.SendAsync(media, WebSocketMessageType.Text, endOfMessage: true, ct);
            var sent = await pair.Client.ReceiveAsync(buffer.AsMemory(), ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
            Assert.Contains("\"event\":\"media\"", Encoding.UTF8.GetString(buffer, 0, sent.Count));
        }

        await pair.Client.SendAsync(Encoding.UTF8.GetBytes("""{"event":"stop","streamSid":"MZ1"}"""), WebSocketMessageType.Text, endOfMessage: true, ct);
        var draining = DrainAsync(pair.Client);
        Assert.Equal(RunEndReason.UserHangup, (await call.WaitAsync(TimeSpan.FromSeconds(10), ct)).Reason);
        await draining;
    }

    private static MediaSession NewSession(WebSocket socket, IProviderCall call, MediaClock? mediaClock = null) =>
        new(socket, new WebSocketMessageReader(socket, 64 * 1024), MediaStreamsCodec.Instance.Open("MZ1"), call, new MediaSessionOptions(),
            new CallLimits(TimeSpan.FromHours(1)), mediaClock ?? Clock, TimeProvider.System, NullLogger.Instance, "WR-AGS-00000001");

    /// <summary>The real media clock (its own thread), as the server has one.</summary>
    private static readonly MediaClock Clock = new(TimeProvider.System);

    /// <summary>Reads what the server sends until its close; returns the close code.</summary>
    private static async Task<WebSocketCloseStatus?> DrainAsync(WebSocket client)
    {
        var buffer = new byte[4096];
        while (true)
        {
            var received = await client.ReceiveAsync(buffer, CancellationToken.None);
            if (received.MessageType == WebSocketMessageType.Close) return received.CloseStatus;
        }
    }

    /// <summary>Speaks without pause: the writer is always about to send.</summary>
    private sealed class TalkingAgent : ICallAgent
    {
        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                call.Play(new short[160]);
                await Task.Delay(5, cancellationToken);
            }
        }
    }

    /// <summary>A real socket whose receive reports a failure only after everything else has seen the socket die.</summary>
    private sealed class SlowToReportFaults(WebSocket inner) : WebSocket
    {
        public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;
        public override string? CloseStatusDescription => inner.CloseStatusDescription;
        public override WebSocketState State => inner.State;
        public override string? SubProtocol => inner.SubProtocol;

        public override void Abort() => inner.Abort();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Dispose() => inner.Dispose();

        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The session reads through the Memory overload.");

        public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.ReceiveAsync(buffer, cancellationToken);
            }
            catch (WebSocketException)
            {
                // Ordering only: the failure is reported after the writer has had every chance to hit the dead socket.
                await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                throw;
            }
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

        public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);
    }

    /// <summary>Listens until the call ends, as a voice agent between turns does.</summary>
    private sealed class ListeningAgent : ICallAgent
    {
        public async Task RunAsync(ICallSession call, CancellationToken cancellationToken)
        {
            await foreach (var callEvent in call.Events.ReadAllAsync(cancellationToken)) callEvent.Audio?.Dispose();
        }
    }

    /// <summary>A socket whose receive ends, as a real one does, when its connection is aborted, but reports it late.</summary>
    private sealed class SocketThatNoticesTheDropLate : WebSocket
    {
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => _aborted.Task.IsCompleted ? WebSocketState.Aborted : WebSocketState.Open;
        public override string? SubProtocol => null;

        public override void Abort() => _aborted.TrySetResult();

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Dispose() => Abort();

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            var connectionGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => connectionGone.TrySetResult()))
                await Task.WhenAny(connectionGone.Task, _aborted.Task);
            // Ordering only, nothing is timed: the drop is reported after whatever else reacts to it at once.
            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            throw new OperationCanceledException(cancellationToken);
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
            Task.CompletedTask;
    }
}
