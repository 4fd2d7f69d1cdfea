using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using CleanAgent.Application.Agents;
using CleanAgent.Application.ApiKeys;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Common;
using CleanAgent.Application.Quota;
using CleanAgent.Application.Runs;
using CleanAgent.Application.Telephony;
using CleanAgent.Application.Voice;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Observability;
using CleanAgent.Web.Common;

namespace CleanAgent.Web.AgentStream;

/// <summary>
/// One Agent Stream connection, whatever its provider, from the upgrade request to the socket's close: accept,
/// handshake, admission in the contract's order (authenticate → provider → resolve agent → provider parameters →
/// quota → start run), the call, its end. A provider whose credentials are in the URL is admitted before the socket
/// opens; one that sends them in <c>start</c> (Twilio) after the handshake — the same steps, codes and runs. Whatever
/// happens, the run ends <c>completed</c> or <c>failed</c> and the reserved call slot is released. The call's span
/// (<paramref name="span"/>, null when nobody traces) gets the run's name, provider, agent and end reason; every log
/// line of the call gets the run's name through <see cref="CallLogScope"/>.
/// </summary>
internal sealed partial class AgentStreamCall(StreamRequest request, AgentStreamServices services, ILogger logger, Activity? span)
{
    private UseCases UseCases => services.UseCases;

    private WebSocket? _socket;
    private IMediaStream? _stream;
    private Guid? _reservationId;
    private StartedRun? _run;
    private ResolvedWorkflow? _workflow;
    private Guid _organizationId;
    private bool _handshakeDone;
    private long _admittedAt;
    private VoiceProviderSettings? _voiceProviders;
    private readonly CallLogScope _logScope = new();

    /// <param name="accept">Completes the WebSocket upgrade.</param>
    /// <param name="remoteAddress">Who connected (behind a trusted proxy: the address it forwarded).</param>
    /// <param name="scheme">How (<c>http</c>/<c>https</c>; behind a trusted proxy: as it forwarded).</param>
    public async Task RunAsync(Func<Task<WebSocket>> accept, IPAddress? remoteAddress, string scheme, CancellationToken callAborted, CancellationToken serverStopping)
    {
        using var logScope = logger.BeginScope(_logScope);
        LogConnection(logger, remoteAddress?.ToString() ?? "unknown", scheme);
        try
        {
            var provider = services.Providers.Resolve(request.ProviderName);
            if (provider.IsSuccess) span?.SetTag(CallTracing.ProviderAttribute, provider.Value.Mode.Name);
            var call = provider.IsSuccess ? provider.Value.Accept(request) : null;
            if (call?.Credentials == CredentialSource.StartMessage)
                await AdmitAfterStartAsync(provider.Value, call, accept, callAborted, serverStopping);
            else
                await AdmitBeforeAcceptAsync(provider, call, accept, callAborted, serverStopping);
        }
        catch (Exception ex) when (ex is WebSocketException || (ex is OperationCanceledException && callAborted.IsCancellationRequested))
        {
            // The caller's side went away without a close: a hang-up once the call is up, a failed handshake before.
            LogDropped(logger, _run?.Name);
            await EndRunAsync(_handshakeDone ? RunEndReason.UserHangup : RunEndReason.HandshakeFailed);
        }
        catch (Exception ex)
        {
            LogFault(logger, ex, _run?.Name);
            CallTracing.Failed(span, ex.GetType().FullName ?? ex.GetType().Name);
            await EndRunAsync(RunEndReason.ServerError);
            await CloseWithServerErrorAsync(accept);
        }
        finally
        {
            if (_reservationId is { } reservation)
                await UseCases.Send(new ReleaseCapacity(reservation), CancellationToken.None);
            if (_stream is not null) await _stream.DisposeAsync();
            else _socket?.Abort();
        }
    }

    /// <summary>Credentials in the URL (Cloudonix): admitted first, so a socket only opens for an admitted call.</summary>
    private async Task AdmitBeforeAcceptAsync(Result<ITelephonyProvider> provider, IProviderCall? call, Func<Task<WebSocket>> accept,
        CancellationToken callAborted, CancellationToken serverStopping)
    {
        var admission = await AdmitAsync(provider, call, call?.ApiKey ?? request.ApiKeyInUrl, callAborted);
        _socket = await accept();
        if (!admission.IsSuccess)
        {
            await RefuseAsync(admission.Error!);
            return;
        }

        _stream = services.Streams.Open(_socket, provider.Value, call!);
        _stream.AttachRun(_run!.Name);
        var (start, customParameters) = await HandshakeAsync(call!, callAborted);
        if (!customParameters.IsSuccess)
        {
            await EndRunAsync(HandshakeEnd.ReasonFor(customParameters.Error!));
            await CloseAsync(customParameters.Error!);
            return;
        }

        await RunCallAsync(start.Value, customParameters.Value, callAborted, serverStopping);
    }

    /// <summary>Credentials in <c>start</c> (Twilio): the socket opens first, and admission waits for the handshake.</summary>
    private async Task AdmitAfterStartAsync(ITelephonyProvider provider, IProviderCall call, Func<Task<WebSocket>> accept,
        CancellationToken callAborted, CancellationToken serverStopping)
    {
        _socket = await accept();
        _stream = services.Streams.Open(_socket, provider, call);
        var (start, customParameters) = await HandshakeAsync(call, callAborted);
        if (!customParameters.IsSuccess)
        {
            await CloseAsync(customParameters.Error!); // nothing admitted yet: no run to end
            return;
        }

        var admission = await AdmitAsync(Result<ITelephonyProvider>.Success(provider), call, call.ApiKey, callAborted);
        if (!admission.IsSuccess)
        {
            await CloseAsync(admission.Error!);
            return;
        }

        _stream.AttachRun(_run!.Name);
        await RunCallAsync(start.Value, customParameters.Value, callAborted, serverStopping);
    }

    /// <summary><c>connected</c> and <c>start</c>, and what <c>start</c> brings to the call, as one span.</summary>
    private async Task<(Result<StreamStart> Start, Result<IReadOnlyDictionary<string, string>> CustomParameters)> HandshakeAsync(IProviderCall call, CancellationToken callAborted)
    {
        using var handshake = CallTracing.StartHandshake();
        try
        {
            var start = await _stream!.ReceiveHandshakeAsync(services.Options.HandshakeTimeout, callAborted);
            Result<IReadOnlyDictionary<string, string>> customParameters = start.IsSuccess ? call.TakeStart(start.Value) : start.Error!;
            if (!customParameters.IsSuccess) CallTracing.Failed(handshake, customParameters.Error!.Kind.ToString());
            return (start, customParameters);
        }
        catch (Exception ex)
        {
            CallTracing.Failed(handshake, ex.GetType().FullName ?? ex.GetType().Name);
            throw;
        }
    }

    /// <summary>The contract's admission, in its order; the first failure is the call's answer.</summary>
    private async Task<Result> AdmitAsync(Result<ITelephonyProvider> provider, IProviderCall? call, Secret apiKey, CancellationToken cancellationToken)
    {
        var caller = await UseCases.Send(new AuthenticateApiKey(apiKey), cancellationToken);
        if (!caller.IsSuccess) return caller.Error!;
        var organizationId = caller.Value.OrganizationId;
        if (call is not null)
        {
            var origin = await call.VerifyOriginAsync(organizationId, cancellationToken);
            if (!origin.IsSuccess) return origin.Error!;
        }

        if (!provider.IsSuccess) return provider.Error!;

        // A malformed UUID is just another agent that does not exist.
        var agentUuid = Guid.TryParse(request.AgentUuid, out var parsed) ? parsed : Guid.Empty;
        var workflow = agentUuid == Guid.Empty
            ? Result<ResolvedWorkflow>.Failure(new Error(ErrorKind.NotFound, ResolveWorkflowHandler.NotFoundMessage))
            : await UseCases.Send(new ResolveWorkflow(organizationId, agentUuid), cancellationToken);
        if (!workflow.IsSuccess) return workflow.Error!;
        span?.SetTag(CallTracing.OrganizationAttribute, organizationId.ToString())
            .SetTag(CallTracing.AgentUuidAttribute, workflow.Value.AgentUuid.ToString())
            .SetTag(CallTracing.AgentKindAttribute, AgentKindName.Of(workflow.Value.Kind));

        var parameters = call!.ValidateParameters();
        if (!parameters.IsSuccess) return parameters.Error!;

        var spec = new RunSpec(new PinnedVersion(organizationId, workflow.Value.AgentId, workflow.Value.VersionId),
            CallType.Inbound, provider.Value.Mode, call.InitialContext);

        // A voice call whose providers cannot work would only fail at its first turn: refuse it before it takes a slot.
        if (workflow.Value.Kind == AgentKind.Voice)
        {
            var readiness = await UseCases.Send(new FindVoiceProviderProblems(organizationId), cancellationToken);
            if (!readiness.IsSuccess) return readiness.Error!;
            _voiceProviders = readiness.Value.Providers; // what the call will talk to: judged once, used as judged
            if (readiness.Value.Refusal is { } refusal)
            {
                var refused = await UseCases.Send(new RecordRefusedRun(spec, RunEndReason.ProviderNotConfigured), CancellationToken.None);
                NameRefusedRun(refused, RunEndReason.ProviderNotConfigured);
                LogRefusedNotConfigured(logger, refused.IsSuccess ? refused.Value.Name : "-", refusal.Message);
                return refusal;
            }
        }

        var slot = await UseCases.Send(new CheckQuota(organizationId), cancellationToken);
        if (!slot.IsSuccess)
        {
            if (slot.Error!.Kind == ErrorKind.QuotaExceeded)
            {
                var refused = await UseCases.Send(new RecordRefusedRun(spec, RunEndReason.QuotaExceeded), CancellationToken.None);
                NameRefusedRun(refused, RunEndReason.QuotaExceeded);
                LogRefusedRun(logger, refused.IsSuccess ? refused.Value.Name : "-", slot.Error.Message);
            }

            return slot.Error;
        }

        _reservationId = slot.Value.ReservationId;
        _workflow = workflow.Value;
        _organizationId = organizationId;
        var run = await UseCases.Send(new StartWorkflowRun(spec, slot.Value.ReservationId), cancellationToken);
        if (!run.IsSuccess) return run.Error!;

        _run = run.Value;
        _logScope.RunName = run.Value.Name;
        span?.SetTag(CallTracing.RunNameAttribute, run.Value.Name);
        _admittedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        CallMetrics.Admitted(organizationId);
        LogAdmitted(logger, run.Value.Name, workflow.Value.AgentUuid, workflow.Value.VersionNumber, spec.Mode.Name);
        return Result.Success();
    }

    /// <summary>The call itself, once admitted and its stream started: the agent talks with the caller until one ends it.</summary>
    private async Task RunCallAsync(StreamStart start, IReadOnlyDictionary<string, string> customParameters, CancellationToken callAborted, CancellationToken serverStopping)
    {
        var context = await UseCases.Send(new RecordStreamStarted(_run!.RunId, customParameters), callAborted);
        if (!context.IsSuccess)
        {
            await EndRunAsync(RunEndReason.HandshakeFailed);
            await CloseAsync(new Error(ErrorKind.ProviderHandshake, context.Error!.Message));
            return;
        }

        _handshakeDone = true;
        LogStreamStarted(logger, _run.Name, start.StreamSid);
        var agent = services.Agents.Create(new CallAgentContext(
            _workflow!.Kind, _run.RunId, _run.Name, _organizationId, _workflow.DefinitionJson, _workflow.Configurations, context.Value, _voiceProviders));
        var outcome = await _stream!.RunAsync(agent, services.LimitsFor(_workflow.Configurations), callAborted, serverStopping);
        if (outcome.Fault is not null)
        {
            LogFault(logger, outcome.Fault, _run.Name);
            CallTracing.Failed(span, outcome.Fault.GetType().FullName ?? outcome.Fault.GetType().Name);
        }

        await EndRunAsync(outcome.Reason);
    }

    /// <summary>A call refused after admission's checks still leaves a run: its name and reason go on the call's span and lines.</summary>
    private void NameRefusedRun(Result<StartedRun> refused, RunEndReason reason)
    {
        if (!refused.IsSuccess) return;
        _logScope.RunName = refused.Value.Name;
        span?.SetTag(CallTracing.RunNameAttribute, refused.Value.Name).SetTag(CallTracing.EndReasonAttribute, reason.Code);
    }

    private async Task EndRunAsync(RunEndReason reason)
    {
        if (_run is null) return;
        span?.SetTag(CallTracing.EndReasonAttribute, reason.Code);
        var ended = await UseCases.Send(new EndWorkflowRun(_run.RunId, reason), CancellationToken.None);
        if (!ended.IsSuccess) return;
        CallMetrics.Ended(_organizationId, reason.Code, System.Diagnostics.Stopwatch.GetElapsedTime(_admittedAt).TotalSeconds, admitted: true);
        LogRunEnded(logger, _run.Name, reason.Outcome.ToString().ToLowerInvariant(), reason.Code);
    }

    /// <summary>A fault may strike before the upgrade; the provider still deserves its 1011.</summary>
    private async Task CloseWithServerErrorAsync(Func<Task<WebSocket>> accept)
    {
        try
        {
            if (_stream is not null) await _stream.CloseAsync(WebSocketCloseStatus.InternalServerError, "Server error.");
            else await services.Streams.RefuseAsync(_socket ??= await accept(), WebSocketCloseStatus.InternalServerError, "Server error.");
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or OperationCanceledException)
        {
            // The peer is already gone.
        }
    }

    private Task CloseAsync(Error error)
    {
        var status = ErrorMapping.ToCloseStatus(error.Kind);
        CallMetrics.Refused((int)status);
        LogRefused(logger, (int)status, error.Message, _run is { } run ? $"run {run.Name}" : "no run");
        return _stream!.CloseAsync(status, error.Message);
    }

    private async Task RefuseAsync(Error error)
    {
        var status = ErrorMapping.ToCloseStatus(error.Kind);
        CallMetrics.Refused((int)status);
        LogRefused(logger, (int)status, error.Message, _run is { } run ? $"run {run.Name}" : "no run");
        var socket = _socket!;
        _socket = null; // the refusal disposes it
        await services.Streams.RefuseAsync(socket, status, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream connection from {RemoteAddress} over {Scheme}")]
    private static partial void LogConnection(ILogger logger, string remoteAddress, string scheme);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream call admitted as run {RunName} (agent {AgentUuid}, version {Version}, {Mode})")]
    private static partial void LogAdmitted(ILogger logger, string runName, Guid agentUuid, int version, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: stream {StreamSid} started")]
    private static partial void LogStreamStarted(ILogger logger, string runName, string streamSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName} ended {State} ({Reason})")]
    private static partial void LogRunEnded(ILogger logger, string runName, string state, string reason);

    /// <param name="run">The run it closed, or "no run" for a refusal before one existed (a bad key leaves none).</param>
    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream closed with {CloseCode}: {Reason} ({Run})")]
    private static partial void LogRefused(ILogger logger, int closeCode, string reason, string run);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream call refused over quota, recorded as run {RunName}: {Reason}")]
    private static partial void LogRefusedRun(ILogger logger, string runName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent Stream call refused, its voice providers are not configured, recorded as run {RunName}: {Reason}")]
    private static partial void LogRefusedNotConfigured(ILogger logger, string runName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent Stream socket dropped by the peer (run {RunName})")]
    private static partial void LogDropped(ILogger logger, string? runName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Agent Stream call failed (run {RunName})")]
    private static partial void LogFault(ILogger logger, Exception exception, string? runName);
}
