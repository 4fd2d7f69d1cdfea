using System.Net.WebSockets;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// An accepted Agent Stream socket in its provider's wire format: the handshake, then the call through a
/// <see cref="MediaSession"/>, and every close bounded in time. Provider-neutral: the provider is its codec and its call.
/// </summary>
internal sealed class MediaStream(
    WebSocket socket,
    IMediaStreamCodec codec,
    IProviderCall call,
    MediaSessionOptions options,
    MediaClock mediaClock,
    TimeProvider clock,
    ILogger logger) : IMediaStream
{
    private readonly WebSocketMessageReader _reader = new(socket, options.MaxMessageBytes);
    private StreamStart? _start;
    private string _runName = "-";

    /// <summary>A receive left pending when the handshake timed out; the peer's close frame arrives through it.</summary>
    private Task<ReceivedMessage>? _pendingReceive;

    public async Task<Result<StreamStart>> ReceiveHandshakeAsync(TimeSpan perMessage, CancellationToken cancellationToken)
    {
        var connected = await ReceiveHandshakeMessageAsync("connected", perMessage, cancellationToken);
        if (!connected.IsSuccess) return connected.Error!;
        var connectedCheck = codec.ReadConnected(connected.Value.Span);
        if (!connectedCheck.IsSuccess) return connectedCheck.Error!;

        var startMessage = await ReceiveHandshakeMessageAsync("start", perMessage, cancellationToken);
        if (!startMessage.IsSuccess) return startMessage.Error!;
        var start = codec.ReadStart(startMessage.Value.Span);
        if (start.IsSuccess) _start = start.Value;
        return start;
    }

    public void AttachRun(string runName) => _runName = runName;

    public async Task<CallOutcome> RunAsync(ICallAgent agent, CallLimits limits, CancellationToken callAborted, CancellationToken serverStopping)
    {
        var start = _start ?? throw new InvalidOperationException("The call runs after its handshake.");
        using var session = new MediaSession(socket, _reader, codec.Open(start.StreamSid), call, options, limits, mediaClock, clock, logger, _runName);
        return await session.RunAsync(agent, callAborted, serverStopping);
    }

    public Task CloseAsync(WebSocketCloseStatus status, string reason) =>
        BoundedClose.CloseAsync(socket, status, reason, bound => _pendingReceive ?? _reader.ReceiveUntilClosedAsync(bound), options.CloseTimeout);

    public ValueTask DisposeAsync()
    {
        if (socket.State != WebSocketState.Closed) socket.Abort();
        socket.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next text message, within the handshake limit. Binary frames are ignored, as the protocol says.</summary>
    private async Task<Result<ReadOnlyMemory<byte>>> ReceiveHandshakeMessageAsync(string expected, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource();
        var deadline = Task.Delay(limit, clock, timeout.Token);
        while (true)
        {
            var receive = _reader.ReceiveAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(receive, deadline) == deadline)
            {
                _pendingReceive = receive;
                return new Error(ErrorKind.ProviderHandshakeTimeout, $"Handshake timeout: no '{expected}' within {limit.TotalSeconds:0} s.");
            }

            var message = await receive;
            switch (message.Kind)
            {
                case ReceivedKind.Text:
                    await timeout.CancelAsync();
                    return message.Payload;
                case ReceivedKind.Closed:
                    throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, "The provider closed the socket during the handshake.");
                case ReceivedKind.TooLarge:
                    return new Error(ErrorKind.ProviderHandshake, $"Handshake message larger than {options.MaxMessageBytes} bytes.");
                case ReceivedKind.ProtocolError:
                    return new Error(ErrorKind.ProviderHandshake, "Handshake broke the WebSocket protocol.");
            }
        }
    }
}
