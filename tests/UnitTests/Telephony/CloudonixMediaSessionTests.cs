using System.Net.WebSockets;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Telephony;
using CleanAgent.Infrastructure.Telephony.Cloudonix;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace CleanAgent.UnitTests.Telephony;

/// <summary>How a call's end is told apart when the connection itself goes, whichever side of the session sees it first.</summary>
public sealed class CloudonixMediaSessionTests
{
    [Fact]
    public async Task ConnectionGone_WhileTheReaderHasNotNoticed_IsTheCallerHangingUp_NotAServerFault()
    {
        // The connection is aborted, and the reader's receive only reports it a little later: anything else that
        // watched the connection would see the drop first — the order a busy server sometimes sees.
        var socket = new SocketThatNoticesTheDropLate();
        var callControl = Substitute.For<ICallControl>();
        using var session = new CloudonixMediaSession(socket, new WebSocketMessageReader(socket, 64 * 1024), "MZ1",
            new CallControlTarget("acme", "CA1", new Secret("token")), callControl, new MediaSessionOptions(), TimeProvider.System,
            NullLogger.Instance, "WR-AGS-00000001");
        using var connection = new CancellationTokenSource();
        var call = session.RunAsync(new ListeningAgent(), connection.Token, CancellationToken.None);

        await connection.CancelAsync();
        var outcome = await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(CallEndKind.CallerHungUp, outcome.Kind);
        Assert.Null(outcome.Fault);
        await callControl.DidNotReceiveWithAnyArgs().HangUpAsync(null!, default);
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
