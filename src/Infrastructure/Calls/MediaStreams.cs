using System.Net.WebSockets;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Telephony;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Calls;

internal sealed class MediaStreams(IOptions<MediaSessionOptions> options, MediaClock mediaClock, TimeProvider clock, ILoggerFactory loggers) : IMediaStreams
{
    private readonly ILogger _logger = loggers.CreateLogger("CleanAgent.AgentStream");

    public IMediaStream Open(WebSocket socket, ITelephonyProvider provider, IProviderCall call) =>
        new MediaStream(socket, provider.Codec, call, options.Value, mediaClock, clock, _logger);

    public async Task RefuseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        var reader = new WebSocketMessageReader(socket, options.Value.MaxMessageBytes);
        await BoundedClose.CloseAsync(socket, status, reason, reader.ReceiveUntilClosedAsync, options.Value.CloseTimeout);
        if (socket.State != WebSocketState.Closed) socket.Abort();
        socket.Dispose();
    }
}
