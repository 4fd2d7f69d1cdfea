namespace CleanAgent.Infrastructure.Calls;

/// <summary>What <see cref="WebSocketMessageReader"/> received.</summary>
public enum ReceivedKind
{
    Text,
    Binary,
    Closed,
    TooLarge,

    /// <summary>
    /// The peer broke the WebSocket protocol (e.g. a text message that is not UTF-8). The socket has already told it
    /// so (close 1007/1002) and is unusable; the call cannot go on.
    /// </summary>
    ProtocolError,
}
