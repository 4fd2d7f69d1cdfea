using System.Net.WebSockets;
using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Application.Quota;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Telephony;
using CleanAgent.Infrastructure.Telephony.Cloudonix;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.AgentStream;

/// <summary>
/// One Agent Stream connection, from the upgrade request to the socket's close: admission in the contract's order
/// (authenticate → provider → resolve agent → provider parameters → quota → start run), the provider
/// handshake, then the call until the caller or the server ends it. Whatever happens, the run ends
/// <c>completed</c> or <c>failed</c> and the reserved call slot is released.
/// </summary>
internal sealed partial class AgentStreamCall(
    AgentStreamRequest request,
    UseCases useCases,
    CallServices calls,
    AgentStreamOptions options,
    TimeProvider clock,
    ILogger logger)
{
    private WebSocket? _socket;
    private WebSocketMessageReader _reader = null!; // set with the socket, on accept
    private Guid? _reservationId;
    private StartedRun? _run;
    private ResolvedWorkflow? _workflow;
    private StreamStart? _stream;
    private IReadOnlyDictionary<string, string> _initialContext = new Dictionary<string, string>();
    private bool _handshakeDone;

    /// <summary>A receive left pending when the handshake timed out; the peer's close frame arrives through it.</summary>
    private Task<ReceivedMessage>? _pendingReceive;

    /// <param name="accept">Completes the WebSocket upgrade. Called after admission, so the provider's socket opens
    /// once the call is admitted (a refused call gets its socket too, only to be closed with the contract's code).</param>
    public async Task RunAsync(Func<Task<WebSocket>> accept, CancellationToken callAborted, CancellationToken serverStopping)
    {
        try
        {
            var admission = await AdmitAsync(callAborted);
            Accepted(await accept());
            if (!admission.IsSuccess)
            {
                await CloseAsync(admission.Error!);
                return;
            }

            var handshake = await HandshakeAsync(callAborted);
            if (!handshake.IsSuccess)
            {
                await EndRunAsync(fail: true, handshake.Error!.Kind == ErrorKind.ProviderHandshakeTimeout ? RunEndReason.HandshakeTimeout : RunEndReason.HandshakeFailed);
                await CloseAsync(handshake.Error!);
                return;
            }

            await RunCallAsync(callAborted, serverStopping);
        }
        catch (Exception ex) when (ex is WebSocketException || (ex is OperationCanceledException && callAborted.IsCancellationRequested))
        {
            // The caller's side went away without a close: a hang-up once the call is up, a failed handshake before.
            LogDropped(logger, _run?.Name);
            await EndRunAsync(fail: !_handshakeDone, _handshakeDone ? RunEndReason.UserHangup : RunEndReason.HandshakeFailed);
        }
        catch (Exception ex)
        {
            LogFault(logger, ex, _run?.Name);
            await EndRunAsync(fail: true, RunEndReason.ServerError);
            await CloseWithServerErrorAsync(accept);
        }
        finally
        {
            if (_reservationId is { } reservation)
                await useCases.Send(new ReleaseCapacity(reservation), CancellationToken.None);
            if (_socket is not null)
            {
                if (_socket.State != WebSocketState.Closed) _socket.Abort();
                _socket.Dispose();
            }
        }
    }

    /// <summary>A fault may strike before the upgrade; the provider still deserves its 1011.</summary>
    private async Task CloseWithServerErrorAsync(Func<Task<WebSocket>> accept)
    {
        try
        {
            if (_socket is null) Accepted(await accept());
            await CloseAsync(WebSocketCloseStatus.InternalServerError, "Server error.");
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The peer is already gone.
        }
    }

    private void Accepted(WebSocket socket)
    {
        _socket = socket;
        _reader = new WebSocketMessageReader(socket, options.MaxMessageBytes);
    }

    private async Task<Result> AdmitAsync(CancellationToken cancellationToken)
    {
        var caller = await useCases.Send(new AuthenticateApiKey(request.ApiKey), cancellationToken);
        if (!caller.IsSuccess) return caller.Error!;

        var provider = TelephonyProviders.Resolve(request.Provider);
        if (!provider.IsSuccess) return provider.Error!;

        // A malformed UUID is just another agent that does not exist.
        var agentUuid = Guid.TryParse(request.AgentUuid, out var parsed) ? parsed : Guid.Empty;
        var workflow = agentUuid == Guid.Empty
            ? Result<ResolvedWorkflow>.Failure(new Error(ErrorKind.NotFound, ResolveWorkflowHandler.NotFoundMessage))
            : await useCases.Send(new ResolveWorkflow(caller.Value.OrganizationId, agentUuid), cancellationToken);
        if (!workflow.IsSuccess) return workflow.Error!;

        var parameters = request.Cloudonix.Validate();
        if (!parameters.IsSuccess) return parameters.Error!;

        var organizationId = caller.Value.OrganizationId;
        var context = _initialContext = request.Cloudonix.ToInitialContext();
        var capacity = await useCases.Send(new CheckQuota(organizationId), cancellationToken);
        if (!capacity.IsSuccess)
        {
            if (capacity.Error!.Kind == ErrorKind.QuotaExceeded)
            {
                var refused = await useCases.Send(new RecordRefusedRun(organizationId, workflow.Value.AgentId, workflow.Value.VersionId,
                    CallType.Inbound, provider.Value, context, RunEndReason.QuotaExceeded), CancellationToken.None);
                LogRefusedRun(logger, refused.IsSuccess ? refused.Value.Name : "-", capacity.Error.Message);
            }

            return capacity.Error;
        }

        _reservationId = capacity.Value.ReservationId;
        _workflow = workflow.Value;
        var run = await useCases.Send(new StartWorkflowRun(organizationId, workflow.Value.AgentId, workflow.Value.VersionId,
            CallType.Inbound, provider.Value, context, capacity.Value.ReservationId), cancellationToken);
        if (!run.IsSuccess) return run.Error!;

        _run = run.Value;
        LogAdmitted(logger, run.Value.Name, workflow.Value.AgentUuid, workflow.Value.VersionNumber);
        return Result.Success();
    }

    private async Task<Result> HandshakeAsync(CancellationToken cancellationToken)
    {
        var connected = await ReceiveHandshakeMessageAsync("connected", cancellationToken);
        if (!connected.IsSuccess) return connected.Error!;
        var connectedCheck = CloudonixHandshakeParser.ParseConnected(connected.Value.Span);
        if (!connectedCheck.IsSuccess) return connectedCheck;

        var startMessage = await ReceiveHandshakeMessageAsync("start", cancellationToken);
        if (!startMessage.IsSuccess) return startMessage.Error!;
        var start = CloudonixHandshakeParser.ParseStart(startMessage.Value.Span);
        if (!start.IsSuccess) return start.Error!;

        var recorded = await useCases.Send(new RecordStreamStarted(_run!.RunId, start.Value.CustomParameters), cancellationToken);
        if (!recorded.IsSuccess) return new Error(ErrorKind.ProviderHandshake, recorded.Error!.Message);

        _handshakeDone = true;
        _stream = start.Value;
        LogStreamStarted(logger, _run.Name, start.Value.StreamSid);
        return Result.Success();
    }

    /// <summary>The next text message, within the handshake limit. Binary frames are ignored, as the protocol says.</summary>
    private async Task<Result<ReadOnlyMemory<byte>>> ReceiveHandshakeMessageAsync(string expected, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource();
        var deadline = Task.Delay(options.HandshakeTimeout, clock, timeout.Token);
        while (true)
        {
            var receive = _reader.ReceiveAsync(cancellationToken);
            if (await Task.WhenAny(receive, deadline) == deadline)
            {
                _pendingReceive = receive;
                return new Error(ErrorKind.ProviderHandshakeTimeout, $"Handshake timeout: no '{expected}' within {options.HandshakeTimeout.TotalSeconds:0} s.");
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

    /// <summary>The call itself: the media session carries audio between the provider and the agent until one ends it.</summary>
    private async Task RunCallAsync(CancellationToken callAborted, CancellationToken serverStopping)
    {
        var parameters = request.Cloudonix;
        var context = new Dictionary<string, string>(_initialContext, StringComparer.Ordinal);
        foreach (var (key, value) in _stream!.CustomParameters) context.TryAdd(key, value);

        // Provider actions target the CallSid of the URL (not start.callSid), with the URL's bearer token.
        var target = new CallControlTarget(parameters.AccountSid!, parameters.CallSid!, parameters.Session);
        using var session = new CloudonixMediaSession(_socket!, _reader, _stream.StreamSid, target, calls.CallControl, calls.MediaOptions, clock, logger, _run!.Name);
        var agent = calls.AgentFactory.Create(new CallAgentContext(_workflow!.Kind, _run.Name, _workflow.DefinitionJson, context));

        var outcome = await session.RunAsync(agent, callAborted, serverStopping);
        switch (outcome.Kind)
        {
            case CallEndKind.CallerHungUp:
                await EndRunAsync(fail: false, RunEndReason.UserHangup);
                break;
            case CallEndKind.AgentEnded:
                await EndRunAsync(fail: false, RunEndReason.AgentEnded);
                break;
            case CallEndKind.MaxDurationReached:
                await EndRunAsync(fail: false, RunEndReason.MaxDuration);
                break;
            case CallEndKind.ServerStopping:
                await EndRunAsync(fail: true, RunEndReason.ServerShutdown);
                break;
            case CallEndKind.ProtocolViolation:
                LogProtocolViolation(logger, _run.Name);
                await EndRunAsync(fail: true, RunEndReason.ProtocolError);
                break;
            default:
                LogFault(logger, outcome.Fault ?? new InvalidOperationException("The call failed."), _run.Name);
                await EndRunAsync(fail: true, RunEndReason.ServerError);
                break;
        }
    }

    private async Task EndRunAsync(bool fail, string reason)
    {
        if (_run is null) return;
        var ended = fail
            ? await useCases.Send(new FailWorkflowRun(_run.RunId, reason), CancellationToken.None)
            : await useCases.Send(new CompleteWorkflowRun(_run.RunId, reason), CancellationToken.None);
        if (ended.IsSuccess) LogRunEnded(logger, _run.Name, fail ? "failed" : "completed", reason);
    }

    private Task CloseAsync(Error error)
    {
        var status = ErrorMapping.ToCloseStatus(error.Kind);
        LogRefused(logger, (int)status, error.Message, _run?.Name);
        return CloseAsync(status, error.Message);
    }

    /// <summary>Sends our close and waits a bounded time for the peer's; a peer that never answers is aborted.</summary>
    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (_socket?.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        try
        {
            using var bound = new CancellationTokenSource(options.CloseTimeout);
            await _socket!.CloseOutputAsync(status, ErrorMapping.ToCloseReason(reason), bound.Token);
            if (_socket.State == WebSocketState.CloseSent)
            {
                var peerClose = _pendingReceive ?? _reader.ReceiveUntilClosedAsync(bound.Token);
                await peerClose.WaitAsync(options.CloseTimeout);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // The peer is gone or silent; the finally block aborts the socket.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream call admitted as run {RunName} (agent {AgentUuid}, version {Version})")]
    private static partial void LogAdmitted(ILogger logger, string runName, Guid agentUuid, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: stream {StreamSid} started")]
    private static partial void LogStreamStarted(ILogger logger, string runName, string streamSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName} ended {State} ({Reason})")]
    private static partial void LogRunEnded(ILogger logger, string runName, string state, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream closed with {CloseCode}: {Reason} (run {RunName})")]
    private static partial void LogRefused(ILogger logger, int closeCode, string reason, string? runName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream call refused over quota, recorded as run {RunName}: {Reason}")]
    private static partial void LogRefusedRun(ILogger logger, string runName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream socket dropped by the peer (run {RunName})")]
    private static partial void LogDropped(ILogger logger, string? runName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: the provider broke the WebSocket protocol; the socket was closed")]
    private static partial void LogProtocolViolation(ILogger logger, string runName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent Stream call failed (run {RunName})")]
    private static partial void LogFault(ILogger logger, Exception exception, string? runName);
}
