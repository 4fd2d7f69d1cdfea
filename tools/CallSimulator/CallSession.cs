using System.Diagnostics;
using System.Net.WebSockets;

namespace CleanAgent.CallSimulator;

/// <summary>
/// One call's socket and its two loops: the send loop (the caller's script on a real-time schedule, plus mark
/// echoes) is the only sender; the receive loop parses what the server sends and feeds the playout clock.
/// </summary>
/// <remarks>
/// The send loop sleeps on one <see cref="PeriodicTimer"/> whose period is re-aimed at the next due event, so frames
/// keep an absolute 20 ms schedule (a late wake-up catches up instead of drifting) without allocating per frame.
/// </remarks>
internal sealed class CallSession : IDisposable
{
    /// <summary>Longest sleep of the send loop, so that a mark due while nothing else is scheduled is echoed promptly.</summary>
    private static readonly long MaxSleep = Stopwatch.Frequency / 50;

    private static readonly long FrameTicks = Stopwatch.Frequency / 50;

    private readonly SimulatedCallOptions _options;
    private readonly Uri _url;
    private readonly string _streamSid = "MZ" + Guid.NewGuid().ToString("N");
    private readonly ClientWebSocket _socket = new();
    private readonly OutboundMessageWriter _writer;
    private readonly ServerMessageReader _reader = new();
    private readonly MarkPlayout _playout = new();

    // Written by the receive loop; read by RunAsync only after that loop has finished (or as flags by the send loop).
    private readonly List<byte[]> _receivedFrames = [];
    private readonly List<TimeSpan> _receivedIntervals;
    private readonly List<string> _receivedMarks = [];
    private int _receivedFrameCount;
    private int _leadingSilentFrames;
    private bool _audioHeard;
    private long _lastFrameAt;
    private long _firstFrameAt;
    private int _clears;
    private readonly List<TimeSpan> _clearTimes = [];
    private int _unrecognized;
    private int? _closeCode;
    private string? _closeReason;
    private Exception? _receiveError;
    private volatile bool _receiveDone;
    private long _startSentAt;

    // Send loop only.
    private readonly List<string> _echoedMarks = [];
    private readonly List<string> _dueMarks = [];
    private int _framesSent;
    private int _digitsSent;
    private readonly long[] _frameSentAt;
    private readonly List<TimeSpan> _echoDelays;

    public CallSession(SimulatedCallOptions options)
    {
        _options = options;
        var largestFrame = options.OutboundFrames.Count == 0 ? MuLawFrames.FrameSize : options.OutboundFrames.Max(f => f.Length);
        _writer = new OutboundMessageWriter(_streamSid, options.AccountSid, options.CallSid, largestFrame);
        // Sized for an echo of everything sent plus a little: avoids regrowing a large list during the call.
        _receivedIntervals = new List<TimeSpan>(Math.Min(options.OutboundFrames.Count + 64, 1 << 16));
        _frameSentAt = options.ExpectEcho ? new long[options.OutboundFrames.Count] : [];
        _echoDelays = new List<TimeSpan>(_frameSentAt.Length);
        _socket.Options.CollectHttpResponseDetails = true;
        _url = AgentStreamUrl.For(options);
        if (options.TwilioSignatureHeader(_url) is { } signature) _socket.Options.SetRequestHeader(TwilioSignature.HeaderName, signature);
    }

    public async Task<CallResult> RunAsync(CancellationToken cancellationToken)
    {
        var began = Stopwatch.GetTimestamp();
        TimeSpan connectTime;
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(_options.ConnectTimeout);
            try
            {
                await _socket.ConnectAsync(_url, connectTimeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The WebSocket connect did not complete within {_options.ConnectTimeout.TotalSeconds:0.#} s.");
            }

            connectTime = Stopwatch.GetElapsedTime(began);
        }
        catch (Exception ex)
        {
            var status = (int)_socket.HttpStatusCode;
            return Result(began, Stopwatch.GetElapsedTime(began), ex, stopSent: false, reachedMax: false, connected: false) with
            {
                HttpStatusCode = status == 0 ? null : status,
            };
        }

        var receiving = ReceiveLoopAsync(cancellationToken);
        Exception? sendError = null;
        Exception? closeError = null;
        var stopSent = false;
        var reachedMax = false;
        try
        {
            await SendAsync(OutboundMessageWriter.Connected, cancellationToken);
            Volatile.Write(ref _startSentAt, Stopwatch.GetTimestamp());
            await SendAsync(_writer.Start(_options.StartCustomParameters()), cancellationToken);
            reachedMax = await RunScriptAsync(Stopwatch.GetTimestamp(), cancellationToken);

            if (!_receiveDone)
            {
                if (_options.SendStop)
                {
                    await SendAsync(_writer.Stop(), cancellationToken);
                    stopSent = true;
                }
                else
                {
                    // The agent never ended the call: the caller's side closes, as a phone would eventually.
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "max call duration", cancellationToken);
                }

                try
                {
                    await receiving.WaitAsync(_options.CloseTimeout, cancellationToken);
                }
                catch (TimeoutException)
                {
                    closeError = new TimeoutException(
                        $"The server did not close the socket within {_options.CloseTimeout.TotalSeconds:0.###} s after {(stopSent ? "stop" : "the caller's close")}.");
                }
            }
        }
        catch (Exception ex)
        {
            sendError = ex;
        }

        if (!_receiveDone) _socket.Abort();
        await receiving;
        await CompleteCloseHandshakeAsync();

        Exception? error;
        if (sendError is OperationCanceledException || _closeCode is null)
            error = sendError ?? closeError ?? _receiveError; // a close timeout explains the receive error of our own abort
        else if (sendError is WebSocketException or ObjectDisposedException or IOException)
            error = closeError; // the send failed because the server had already closed: its close code says it all
        else
            error = sendError ?? closeError;
        return Result(began, connectTime, error, stopSent, reachedMax, connected: true);
    }

    /// <summary>
    /// Runs the caller's script from <paramref name="t0"/> (just after <c>start</c>) until it is time to hang up, the
    /// server ends the call, or the maximum duration passes (then returns true).
    /// </summary>
    private async Task<bool> RunScriptAsync(long t0, CancellationToken cancellationToken)
    {
        var frames = _options.OutboundFrames;
        var digits = _options.Dtmf.OrderBy(d => d.At).ToArray();
        var extras = _options.ExtraMessages
            .Select(m => (m.At, Bytes: System.Text.Encoding.UTF8.GetBytes(m.Text), Type: WebSocketMessageType.Text))
            .Concat(_options.RawFrames)
            .OrderBy(m => m.At)
            .ToArray();
        var scriptEnd = Math.Max(frames.Count * FrameTicks,
            Math.Max(digits.Length == 0 ? 0 : Ticks(digits[^1].At), extras.Length == 0 ? 0 : Ticks(extras[^1].At)));
        var hangUpAt = _options.SendStop ? scriptEnd + Ticks(_options.HoldAfterAudio) : long.MaxValue;
        var maxEnd = Ticks(_options.MaxCallDuration);
        int nextFrame = 0, nextDigit = 0, nextExtra = 0;

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!_receiveDone)
        {
            var elapsed = Stopwatch.GetTimestamp() - t0;
            if (elapsed >= maxEnd) return true;

            while (nextFrame < frames.Count && nextFrame * FrameTicks <= elapsed && !_receiveDone)
            {
                if (_frameSentAt.Length > 0) Volatile.Write(ref _frameSentAt[nextFrame], Stopwatch.GetTimestamp());
                await SendAsync(_writer.Media(frames[nextFrame], nextFrame + 1), cancellationToken);
                Volatile.Write(ref _framesSent, ++nextFrame);
            }

            while (nextDigit < digits.Length && Ticks(digits[nextDigit].At) <= elapsed && !_receiveDone)
            {
                await SendAsync(_writer.Dtmf(digits[nextDigit++].Digit), cancellationToken);
                _digitsSent++;
            }

            while (nextExtra < extras.Length && Ticks(extras[nextExtra].At) <= elapsed && !_receiveDone)
            {
                var extra = extras[nextExtra++];
                await _socket.SendAsync(extra.Bytes, extra.Type, endOfMessage: true, cancellationToken);
            }

            if (_playout.TakeDue(Stopwatch.GetTimestamp(), _dueMarks))
            {
                foreach (var name in _dueMarks)
                {
                    if (_receiveDone) break;
                    await SendAsync(_writer.MarkEcho(name), cancellationToken);
                    _echoedMarks.Add(name);
                }

                _dueMarks.Clear();
            }

            if (elapsed >= hangUpAt) return false;

            var next = Math.Min(Math.Min(hangUpAt, maxEnd), elapsed + MaxSleep);
            if (nextFrame < frames.Count) next = Math.Min(next, nextFrame * FrameTicks);
            if (nextDigit < digits.Length) next = Math.Min(next, Ticks(digits[nextDigit].At));
            if (nextExtra < extras.Length) next = Math.Min(next, Ticks(extras[nextExtra].At));
            var sleep = next - (Stopwatch.GetTimestamp() - t0);
            if (sleep <= 0) continue;

            // Whole milliseconds, rounded up: waking a little late costs a catch-up, waking early a wasted turn.
            timer.Period = TimeSpan.FromMilliseconds(Math.Max(1, (sleep * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
            await timer.WaitForNextTickAsync(cancellationToken);
        }

        return false;
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        // Start off the caller's stack so that connect → send does not run the first receive synchronously.
        await Task.Yield();
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var received = await _socket.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    _closeCode = (int?)_socket.CloseStatus;
                    _closeReason = _socket.CloseStatusDescription;
                    return;
                }

                filled += received.Count;
                if (!received.EndOfMessage) continue;
                // Binary frames are not part of the protocol: ignored, as a provider would.
                if (received.MessageType == WebSocketMessageType.Text) OnServerMessage(buffer.AsSpan(0, filled));
                filled = 0;
            }
        }
        catch (Exception ex)
        {
            _receiveError = ex;
        }
        finally
        {
            _receiveDone = true;
        }
    }

    private void OnServerMessage(ReadOnlySpan<byte> message)
    {
        var now = Stopwatch.GetTimestamp();
        switch (_reader.Read(message))
        {
            case ServerMessageKind.Media:
                if (_receivedFrameCount++ == 0) _firstFrameAt = now;
                else _receivedIntervals.Add(Stopwatch.GetElapsedTime(_lastFrameAt, now));
                _lastFrameAt = now;

                var payload = _reader.Payload;
                if (!_audioHeard)
                {
                    if (MuLawFrames.IsSilence(payload)) _leadingSilentFrames++;
                    else _audioHeard = true;
                }

                // An echo: the k-th frame after the agent's lead-in silence is the k-th frame we sent (its send time is
                // written before the send, so an echo quicker than the sending loop's next step still finds it).
                var echoed = _receivedFrameCount - _leadingSilentFrames - 1;
                if (_audioHeard && echoed < _frameSentAt.Length && Volatile.Read(ref _frameSentAt[echoed]) is var frameSentAt and not 0)
                    _echoDelays.Add(Stopwatch.GetElapsedTime(frameSentAt, now));

                if (_options.KeepReceivedAudio) _receivedFrames.Add(payload.ToArray());
                if (_options.EchoMarks) _playout.OnMedia(now, payload.Length);
                break;
            case ServerMessageKind.Mark:
                _receivedMarks.Add(_reader.MarkName!);
                if (_options.EchoMarks) _playout.OnMark(now, _reader.MarkName!);
                break;
            case ServerMessageKind.Clear:
                _clears++;
                if (Volatile.Read(ref _startSentAt) is var sentAt and not 0) _clearTimes.Add(Stopwatch.GetElapsedTime(sentAt, now));
                if (_options.EchoMarks) _playout.OnClear(now);
                break;
            default:
                _unrecognized++;
                break;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _writer.Dispose();
    }

    private ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Answers the server's close frame (bounded: a peer that vanished must not stall the call's end).</summary>
    private async Task CompleteCloseHandshakeAsync()
    {
        if (_socket.State != WebSocketState.CloseReceived) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _socket.Abort();
        }
    }

    private CallResult Result(long began, TimeSpan connectTime, Exception? error, bool stopSent, bool reachedMax, bool connected)
    {
        var startSentAt = Volatile.Read(ref _startSentAt);
        return new CallResult
        {
            CallSid = _options.CallSid,
            StreamSid = _streamSid,
            CloseCode = _closeCode,
            CloseReason = _closeReason,
            Connected = connected,
            ConnectTime = connectTime,
            FirstAudioTime = _receivedFrameCount > 0 && startSentAt != 0 ? Stopwatch.GetElapsedTime(startSentAt, _firstFrameAt) : null,
            ReceivedFrames = _receivedFrames,
            ReceivedFrameCount = _receivedFrameCount,
            ReceivedFrameIntervals = _receivedIntervals,
            ReceivedMarks = _receivedMarks,
            EchoedMarks = _echoedMarks,
            ClearsReceived = _clears,
            ClearTimes = [.. _clearTimes],
            UnrecognizedMessages = _unrecognized,
            FramesSent = _framesSent,
            DigitsSent = _digitsSent,
            LeadingSilentFrames = _leadingSilentFrames,
            EchoDelays = _echoDelays,
            CountsLostFrames = _options.ExpectEcho,
            StopSent = stopSent,
            ReachedMaxDuration = reachedMax,
            Duration = Stopwatch.GetElapsedTime(began),
            Error = error,
        };
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
