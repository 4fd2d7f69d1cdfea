namespace CleanAgent.Domain.Runs;

/// <summary>Why a run ended. Stored as these strings, so operators can filter on them.</summary>
public static class RunEndReason
{
    public const string UserHangup = "user_hangup";
    public const string AgentEnded = "agent_ended";
    public const string HandshakeFailed = "handshake_failed";
    public const string HandshakeTimeout = "handshake_timeout";
    public const string QuotaExceeded = "quota_exceeded";
    public const string ServerError = "server_error";
    public const string MaxDuration = "max_duration";

    /// <summary>The server was shut down while the call was up (the socket closed with 1001).</summary>
    public const string ServerShutdown = "server_shutdown";

    /// <summary>The provider broke the wire protocol mid-call (e.g. a text frame that is not UTF-8; the socket closed 1007).</summary>
    public const string ProtocolError = "protocol_error";

    /// <summary>The server process that owned the run stopped without ending it (crash, kill).</summary>
    public const string ServerLost = "server_lost";
}
