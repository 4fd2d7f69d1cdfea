namespace CleanAgent.Domain.Runs;

/// <summary>
/// Why a run ended — and therefore how: each reason either completes the run (the call ended as calls end) or
/// fails it. Stored and shown as its <see cref="Code"/> (<c>user_hangup</c>, …), so operators can filter on it.
/// </summary>
public sealed class RunEndReason : IEquatable<RunEndReason>
{
    private static readonly Dictionary<string, RunEndReason> ByCode = new(StringComparer.Ordinal);

    /// <summary>The caller hung up: <c>stop</c>, or the socket closed or dropped.</summary>
    public static readonly RunEndReason UserHangup = Completing("user_hangup");

    /// <summary>The agent ended the call; its last words played and the provider hung up.</summary>
    public static readonly RunEndReason AgentEnded = Completing("agent_ended");

    /// <summary>The caller stayed silent after being asked whether they were still there.</summary>
    public static readonly RunEndReason UserIdle = Completing("user_idle");

    /// <summary>The call reached the longest it may last.</summary>
    public static readonly RunEndReason MaxDuration = Completing("max_duration");

    public static readonly RunEndReason HandshakeFailed = Failing("handshake_failed");
    public static readonly RunEndReason HandshakeTimeout = Failing("handshake_timeout");
    public static readonly RunEndReason QuotaExceeded = Failing("quota_exceeded");

    /// <summary>A speech or language provider failed twice in a row; the agent apologised and ended the call.</summary>
    public static readonly RunEndReason ProviderError = Failing("provider_error");

    /// <summary>The agent's speech or language providers are not configured; the call was refused at admission.</summary>
    public static readonly RunEndReason ProviderNotConfigured = Failing("provider_not_configured");

    /// <summary>The telephony provider broke the wire protocol mid-call (e.g. a text frame that is not UTF-8, closed 1007).</summary>
    public static readonly RunEndReason ProtocolError = Failing("protocol_error");

    public static readonly RunEndReason ServerError = Failing("server_error");

    /// <summary>The server was shut down while the call was up (the socket closed with 1001).</summary>
    public static readonly RunEndReason ServerShutdown = Failing("server_shutdown");

    /// <summary>The server process that owned the run stopped without ending it (crash, kill).</summary>
    public static readonly RunEndReason ServerLost = Failing("server_lost");

    private RunEndReason(string code, WorkflowRunState outcome)
    {
        Code = code;
        Outcome = outcome;
        ByCode.Add(code, this);
    }

    /// <summary>As stored and shown, e.g. <c>user_hangup</c>.</summary>
    public string Code { get; }

    /// <summary><see cref="WorkflowRunState.Completed"/> or <see cref="WorkflowRunState.Failed"/>: the state a run ends in for this reason.</summary>
    public WorkflowRunState Outcome { get; }

    public bool CompletesTheRun => Outcome == WorkflowRunState.Completed;

    public static IReadOnlyCollection<RunEndReason> All => ByCode.Values;

    /// <summary>The reason with this code, or null for a code CleanAgent does not know.</summary>
    public static RunEndReason? FromCode(string? code) => code is not null && ByCode.TryGetValue(code, out var reason) ? reason : null;

    public bool Equals(RunEndReason? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as RunEndReason);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;

    public static bool operator ==(RunEndReason? left, RunEndReason? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(RunEndReason? left, RunEndReason? right) => !(left == right);

    private static RunEndReason Completing(string code) => new(code, WorkflowRunState.Completed);

    private static RunEndReason Failing(string code) => new(code, WorkflowRunState.Failed);
}
