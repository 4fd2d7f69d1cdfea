using System.Net.WebSockets;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Application.Calls;

/// <summary>What becomes of an accepted Agent Stream socket: a media stream in its provider's wire format, or a refusal.</summary>
public interface IMediaStreams
{
    /// <summary>Takes the socket over as the call's media stream.</summary>
    IMediaStream Open(WebSocket socket, ITelephonyProvider provider, IProviderCall call);

    /// <summary>Closes a socket that carries no call (refused at admission) with the contract's code, bounded in time, and disposes it.</summary>
    Task RefuseAsync(WebSocket socket, WebSocketCloseStatus status, string reason);
}
