using System.Net.WebSockets;
using System.Threading.Channels;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Audio;
using Microsoft.Extensions.Logging;

using CleanAgent.Infrastructure.Observability;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// One admitted call after the handshake, whatever its provider: caller audio in (μ-law → PCM → agent), agent audio
/// out (PCM → μ-law frames, paced at real time), DTMF, marks, clear, and the end of the call, however it comes. The
/// provider's wire format is its <see cref="IStreamWire"/>; its hang-up, its <see cref="IProviderCall"/>. The hot path
/// touches neither the mediator nor EF Core.
/// </summary>
public sealed partial class MediaSession : ICallSession, IDisposable
{
    /// <summary>The mark placed after the agent's last words: its echo says they were heard, and the call can end.</summary>
    public const string FinalMarkName = "cleanagent-call-end";

    private readonly WebSocket _socket;
    private readonly WebSocketMessageReader _reader;
    private readonly IStreamWire _wire;
    private readonly IProviderCall _call;
    private readonly MediaSessionOptions _options;
    private readonly CallLimits _limits;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _runName;
    private readonly Channel<CallEvent> _events;
    private readonly OutboundAudio _player;
    private readonly CallerAudioFramePool _frames = new();
    private readonly TaskCompletionSource<RunEndReason> _endRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finalMarkEchoed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _malformedFrames;
    private long _droppedCallerFrames;
    private long _otherStreamFrames;
    private long _lastMalformedLog = long.MinValue;

    public MediaSession(
        WebSocket socket,
        WebSocketMessageReader reader,
        IStreamWire wire,
        IProviderCall call,
        MediaSessionOptions options,
        CallLimits limits,
        MediaClock mediaClock,
        TimeProvider clock,
        ILogger logger,
        string runName)
    {
        _socket = socket;
        _reader = reader;
        _wire = wire;
        _call = call;
        _options = options;
        _limits = limits;
        _clock = clock;
        _logger = logger;
        _runName = runName;
        _player = new OutboundAudio(new StreamWireSink(socket, wire), mediaClock, options.MaxLead, options.MaxQueuedAudio);
        _events = Channel.CreateBounded<CallEvent>(
            // Synchronous continuations: an agent waiting for the next frame runs on the reader's thread as the frame
            // arrives, instead of a thread-pool hop per frame (50 a second per call). The reader only writes with
            // TryWrite, so an agent that is slow only delays the next receive; the queue bound still applies while the
            // agent is busy elsewhere.
            new BoundedChannelOptions(options.InboundQueueFrames)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
                AllowSynchronousContinuations = true,
            },
            dropped =>
            {
                dropped.Audio?.Dispose();
                Interlocked.Increment(ref _droppedCallerFrames);
            });
    }

    public ChannelReader<CallEvent> Events => _events.Reader;

    /// <summary>Runs the call until it ends; the caller of this method ends the run and releases capacity.</summary>
    /// <remarks>
    /// Cancelling a pending WebSocket receive or send aborts the socket, which would make a clean close impossible.
    /// So the reader only stops with the connection (or the peer's close frame), and the writer is stopped between
    /// sends; the close handshake then goes out on a socket that is still healthy.
    /// </remarks>
    public async Task<CallOutcome> RunAsync(ICallAgent agent, CancellationToken callAborted, CancellationToken serverStopping)
    {
        // The writer is stopped by this method alone, never by the connection: a dropped connection is the reader's
        // to report, so the end of a call is never mistaken for a writer that failed.
        using var agentStop = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
        var agentFailed = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stoppingRegistration = serverStopping.Register(() => stopping.TrySetResult());
        using var maxDurationCancel = new CancellationTokenSource();
        var maxDuration = Task.Delay(_limits.MaxDuration, _clock, maxDurationCancel.Token);

        var inbound = ReadInboundAsync(callAborted);
        _player.Start();
        var outbound = _player.Completion;
        var agentRun = Task.Run(async () =>
        {
            try
            {
                await agent.RunAsync(this, agentStop.Token);
            }
            catch (OperationCanceledException) when (agentStop.IsCancellationRequested)
            {
                // The call ended around the agent.
            }
            catch (Exception ex)
            {
                agentFailed.TrySetResult(ex);
            }
        }, CancellationToken.None);

        CallOutcome outcome;
        var first = await Task.WhenAny(inbound, _endRequested.Task, agentFailed.Task, outbound, stopping.Task, maxDuration);
        if (first == inbound)
        {
            var end = await inbound;
            outcome = new CallOutcome(end == InboundEnd.ProtocolError ? RunEndReason.ProtocolError : RunEndReason.UserHangup);
            await _player.StopAsync();
            await CloseAfterCallerAsync(end);
        }
        else if (first == _endRequested.Task)
        {
            outcome = await FinishAgentEndedAsync(await _endRequested.Task, inbound, maxDuration);
        }
        else if (first == maxDuration)
        {
            outcome = await EndAtMaxDurationAsync(inbound);
        }
        else if (first == stopping.Task)
        {
            // The server is going away with the call still up: hang it up at the provider too, or the caller is left
            // in silence on a line nothing drives.
            outcome = new CallOutcome(RunEndReason.ServerShutdown);
            await _player.StopAsync();
            await HangUpAtProviderAsync();
            await CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down.", inbound);
        }
        else
        {
            var fault = first == agentFailed.Task ? agentFailed.Task.Result : outbound.Exception?.GetBaseException();
            await _player.StopAsync();
            if (fault is WebSocketException)
            {
                // The socket died under the writer. Why is the reader's to say: the caller went away, or broke the
                // protocol and the socket itself closed the connection (1007) before the reader reported it.
                outcome = new CallOutcome(await ReaderVerdictAsync(inbound) == InboundEnd.ProtocolError ? RunEndReason.ProtocolError : RunEndReason.UserHangup);
            }
            else
            {
                outcome = new CallOutcome(RunEndReason.ServerError, fault);
                await CloseAsync(WebSocketCloseStatus.InternalServerError, "Server error.", inbound);
            }
        }

        await maxDurationCancel.CancelAsync();
        await agentStop.CancelAsync();
        _events.Writer.TryComplete();
        await agentRun;
        if (_socket.State != WebSocketState.Closed) _socket.Abort();
        await Quietly(inbound);
        if (_malformedFrames > 0 || _droppedCallerFrames > 0 || _otherStreamFrames > 0 || _player.DroppedFrames > 0)
            LogFrameCounts(_logger, _runName, _malformedFrames, _droppedCallerFrames, _otherStreamFrames, _player.DroppedFrames);
        return outcome;
    }

    public void Play(ReadOnlySpan<short> pcm) => _player.Play(pcm);

    public void Mark(string name) => _player.Mark(name);

    public void ClearAudio() => _player.ClearAudio();

    public void EndCall(RunEndReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (_player.End(FinalMarkName)) _endRequested.TrySetResult(reason);
    }

    public void Dispose() => _player.Dispose();

    private enum InboundEnd
    {
        Stop,
        Closed,
        Dropped,
        ProtocolError,
    }

    private async Task<InboundEnd> ReadInboundAsync(CancellationToken cancellationToken)
    {
        var payload = new byte[_wire.MaxPayloadBytes];
        try
        {
            while (true)
            {
                var message = await _reader.ReceiveAsync(cancellationToken);
                switch (message.Kind)
                {
                    case ReceivedKind.Closed:
                        return InboundEnd.Closed;
                    case ReceivedKind.ProtocolError:
                        return InboundEnd.ProtocolError;
                    case ReceivedKind.TooLarge:
                        CountMalformed();
                        continue;
                    case ReceivedKind.Binary:
                        continue;
                }

                var parsed = _wire.Parse(message.Payload.Span, payload);
                if (parsed.IsOtherStream)
                {
                    _otherStreamFrames++; // another stream's stop or digits are not this call's to obey
                    continue;
                }

                switch (parsed.Event)
                {
                    case InboundEvent.Media when parsed.IsCallerTrack && parsed.PayloadLength > 0:
                        var frame = _frames.Rent(parsed.PayloadLength);
                        MuLawCodec.Decode(payload.AsSpan(0, parsed.PayloadLength), frame.Writable);
                        if (!_events.Writer.TryWrite(CallEvent.ForAudio(frame))) frame.Dispose();
                        _player.PumpNow(); // what the agent played in answer, and anything else due, leaves now
                        break;
                    case InboundEvent.Dtmf when parsed.Digit is (>= '0' and <= '9') or '*' or '#':
                        _events.Writer.TryWrite(CallEvent.ForDtmf(parsed.Digit));
                        break;
                    case InboundEvent.Mark:
                        if (parsed.MarkName == FinalMarkName) _finalMarkEchoed.TrySetResult();
                        else _events.Writer.TryWrite(CallEvent.ForMark(parsed.MarkName!));
                        break;
                    case InboundEvent.Stop:
                        return InboundEnd.Stop;
                    case InboundEvent.Malformed:
                        CountMalformed();
                        break;
                }
            }
        }
        catch (WebSocketException)
        {
            return InboundEnd.Dropped;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return InboundEnd.Dropped; // the connection itself was aborted
        }
    }

    private async Task<CallOutcome> FinishAgentEndedAsync(RunEndReason reason, Task<InboundEnd> inbound, Task maxDuration)
    {
        // The last words play at real time; give them that long, plus a grace for the provider's echo.
        var toPlay = TelephonyAudio.FrameDuration * _player.QueuedFrames + _options.MaxLead;
        var bound = toPlay + _options.FinalMarkGrace;
        using var boundCancel = new CancellationTokenSource();
        var waited = await Task.WhenAny(_finalMarkEchoed.Task, inbound, maxDuration, Task.Delay(bound, _clock, boundCancel.Token));
        await boundCancel.CancelAsync();
        if (waited == maxDuration) return await EndAtMaxDurationAsync(inbound); // a goodbye cannot outlast the limit
        if (waited == inbound)
        {
            // The caller hung up during the goodbye: nothing to hang up at the provider.
            await _player.StopAsync();
            await CloseAfterCallerAsync(await inbound);
            return new CallOutcome(RunEndReason.UserHangup);
        }

        if (waited != _finalMarkEchoed.Task) LogFinalMarkMissing(_logger, _runName, bound.TotalSeconds);

        await HangUpAtProviderAsync();
        await _player.StopAsync();
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "Call ended by the agent.", inbound);
        return new CallOutcome(reason);
    }

    /// <summary>The call has lasted as long as it may: cut the agent off mid-word, hang up at the provider, close 1000.</summary>
    private async Task<CallOutcome> EndAtMaxDurationAsync(Task<InboundEnd> inbound)
    {
        LogMaxDuration(_logger, _runName, _limits.MaxDuration);
        await _player.StopAsync();
        await HangUpAtProviderAsync();
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "Maximum call duration reached.", inbound);
        return new CallOutcome(RunEndReason.MaxDuration);
    }

    /// <summary>Cloudonix scripts often go on after the stream: without a hang-up the caller would sit in silence.</summary>
    private async Task HangUpAtProviderAsync()
    {
        var provider = _call.InitialContext.GetValueOrDefault("provider", "unknown");
        using var span = CallTracing.StartHangup(provider);
        var hangup = await _call.HangUpAsync(CancellationToken.None);
        CallTracing.HangupEnded(span, hangup.IsSuccess);
        CallMetrics.HangupAttempted(provider, hangup.IsSuccess);
        if (!hangup.IsSuccess) LogHangupFailed(_logger, _runName, hangup.Error!.Message);
    }

    /// <summary>How the reader ended, once the socket is dead; a reader that does not notice within the close bound is a drop.</summary>
    private async Task<InboundEnd> ReaderVerdictAsync(Task<InboundEnd> inbound)
    {
        try
        {
            return await inbound.WaitAsync(_options.CloseTimeout);
        }
        catch (TimeoutException)
        {
            return InboundEnd.Dropped;
        }
    }

    /// <summary>
    /// The caller ended the call. After <c>stop</c> we close at once with 1000 and wait (bounded) for the peer's
    /// close; after the peer's close we answer it; after a drop there is nobody to talk to.
    /// </summary>
    private Task CloseAfterCallerAsync(InboundEnd end) => end is InboundEnd.Dropped or InboundEnd.ProtocolError
        ? Task.CompletedTask
        : BoundedClose.CloseAsync(_socket, WebSocketCloseStatus.NormalClosure, "Call ended.", _reader.ReceiveUntilClosedAsync, _options.CloseTimeout);

    /// <summary>Our close while the reader still runs: the reader ends on the peer's close frame, or the bound runs out.</summary>
    private Task CloseAsync(WebSocketCloseStatus status, string reason, Task<InboundEnd> inbound) =>
        BoundedClose.CloseAsync(_socket, status, reason, _ => inbound, _options.CloseTimeout);

    private void CountMalformed()
    {
        CallMetrics.MalformedFrame();
        var count = Interlocked.Increment(ref _malformedFrames);
        var now = _clock.GetTimestamp();
        if (_lastMalformedLog == long.MinValue || _clock.GetElapsedTime(_lastMalformedLog, now) >= _options.MalformedLogInterval)
        {
            _lastMalformedLog = now;
            LogMalformed(_logger, _runName, count);
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch
        {
            // Already accounted for in the outcome; the session is over.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: skipped a malformed media-stream frame ({Count} so far this call)")]
    private static partial void LogMalformed(ILogger logger, string runName, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: {Malformed} malformed frame(s) skipped, {Dropped} caller frame(s) dropped for a slow agent, {OtherStream} frame(s) of another stream ignored, {AgentDropped} agent frame(s) dropped over Media:MaxQueuedAudio")]
    private static partial void LogFrameCounts(ILogger logger, string runName, long malformed, long dropped, long otherStream, long agentDropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunName}: the provider did not echo the final mark within {Seconds:0.0} s; hanging up anyway")]
    private static partial void LogFinalMarkMissing(ILogger logger, string runName, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunName}: the call reached its maximum duration ({MaxCallDuration}); ending it")]
    private static partial void LogMaxDuration(ILogger logger, string runName, TimeSpan maxCallDuration);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunName}: provider hang-up failed: {Reason}")]
    private static partial void LogHangupFailed(ILogger logger, string runName, string reason);
}
