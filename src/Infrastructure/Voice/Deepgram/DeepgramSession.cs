using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Calls;
using Microsoft.Extensions.Logging;

namespace CleanAgent.Infrastructure.Voice.Deepgram;

/// <summary>
/// One call's Deepgram socket. Caller audio goes out as raw μ-law binary messages in arrival order (re-encoding the
/// call's PCM gives back exactly the bytes the phone sent: μ-law decoding is lossless to invert), a <c>KeepAlive</c>
/// goes out when no audio has for <see cref="KeepAliveAfter"/>, and <c>CloseStream</c> at the end. Server messages
/// become <see cref="Events"/>; a bad one is skipped.
/// </summary>
/// <remarks>
/// One loop sends (a WebSocket allows one sender at a time), one receives. <see cref="SendAudio"/> only encodes into
/// a pooled buffer and queues it, so the call's audio reader is never held up by the network; if Deepgram cannot keep
/// up for <see cref="QueueFrames"/> frames, new audio is dropped and counted rather than buffered without bound.
/// </remarks>
internal sealed partial class DeepgramSession : ISpeechToTextSession
{
    /// <summary>Deepgram closes a socket after 10 s without data; keep well inside its recommended 3–5 s.</summary>
    public static readonly TimeSpan KeepAliveAfter = TimeSpan.FromSeconds(3);

    /// <summary>How often the keep-alive need is checked: at most <see cref="KeepAliveAfter"/> + this between messages.</summary>
    public static readonly TimeSpan KeepAliveCheck = TimeSpan.FromSeconds(1);

    /// <summary>How long the close waits for Deepgram's last results and its close frame.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Five seconds of 20 ms frames.</summary>
    public const int QueueFrames = 250;

    private const int SampleRate = TelephonyAudio.SampleRate;

    private static readonly byte[] KeepAliveMessage = """{"type":"KeepAlive"}"""u8.ToArray();
    private static readonly byte[] FinalizeMessage = """{"type":"Finalize"}"""u8.ToArray();
    private static readonly byte[] CloseStreamMessage = """{"type":"CloseStream"}"""u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly string _model;
    private readonly TimeSpan _providerTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Outgoing> _outgoing;
    private readonly Channel<SpeechToTextEvent> _events = Channel.CreateBounded<SpeechToTextEvent>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _keepAlive;
    private readonly Task _sending;
    private readonly Task _receiving;
    private readonly Lock _gate = new();

    // Guarded by _gate: the turn being transcribed.
    private readonly StringBuilder _finals = new();
    private string _interim = string.Empty;
    private TaskCompletionSource? _resultWaiter;
    private long _samplesAtLastFinish;

    private long _samplesSent;
    private long _lastSentTimestamp;
    private long _droppedFrames;
    private long _skippedMessages;
    private volatile ProviderError? _failure;
    private volatile bool _closing;
    private int _disposed;

    public DeepgramSession(ClientWebSocket socket, string model, TimeSpan providerTimeout, TimeProvider time, ILogger logger)
    {
        _socket = socket;
        _model = model;
        _providerTimeout = providerTimeout;
        _time = time;
        _logger = logger;
        _outgoing = Channel.CreateBounded<Outgoing>(
            new BoundedChannelOptions(QueueFrames) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            dropped =>
            {
                Interlocked.Increment(ref _droppedFrames);
                dropped.Release();
            });
        _lastSentTimestamp = time.GetTimestamp();
        _keepAlive = time.CreateTimer(_ => SendKeepAliveIfIdle(), null, KeepAliveCheck, KeepAliveCheck);
        _sending = Task.Run(SendLoopAsync);
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public ChannelReader<SpeechToTextEvent> Events => _events.Reader;

    public SpeechToTextUsage Usage => new(SpeechToTextProvider.Deepgram, _model, ToTime(Interlocked.Read(ref _samplesSent)));

    /// <summary>Frames dropped because Deepgram could not keep up, and server messages skipped as malformed.</summary>
    internal (long DroppedFrames, long SkippedMessages) Counters => (Interlocked.Read(ref _droppedFrames), Interlocked.Read(ref _skippedMessages));

    public void SendAudio(ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty || _failure is not null || _closing) return;
        var buffer = ArrayPool<byte>.Shared.Rent(pcm.Length);
        MuLawCodec.Encode(pcm, buffer);
        Interlocked.Add(ref _samplesSent, pcm.Length);
        Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        if (!_outgoing.Writer.TryWrite(new Outgoing(buffer, pcm.Length, null))) ArrayPool<byte>.Shared.Return(buffer);
    }

    public async Task<ProviderResult<Transcript>> FinishUtteranceAsync(TimeSpan utteranceStart, CancellationToken cancellationToken)
    {
        if (_failure is { } failed) return failed;

        TaskCompletionSource? waiter = null;
        lock (_gate)
        {
            // Words heard but not final yet, or nothing heard at all: ask Deepgram to finalise what it has.
            if (_interim.Length > 0 || _finals.Length == 0)
            {
                _resultWaiter = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (waiter is not null)
        {
            _outgoing.Writer.TryWrite(new Outgoing(null, 0, FinalizeMessage));
            try
            {
                await waiter.Task.WaitAsync(_providerTimeout, _time, cancellationToken);
            }
            catch (TimeoutException)
            {
                lock (_gate)
                {
                    _resultWaiter = null;
                    if (_finals.Length == 0 && _interim.Length == 0) return ProviderFailures.Timeout(VoiceStage.SpeechToText, _providerTimeout);
                }
            }
        }

        if (_failure is { } broke) return broke;
        lock (_gate)
        {
            // A last interim that never became final is still the best account of the turn's end.
            if (_interim.Length > 0) AppendWords(_interim);
            var text = _finals.ToString();
            _finals.Clear();
            _interim = string.Empty;
            var sent = Interlocked.Read(ref _samplesSent);
            var audio = ToTime(sent - _samplesAtLastFinish);
            _samplesAtLastFinish = sent;
            return new Transcript(text, audio);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _closing = true;
        await _keepAlive.DisposeAsync();
        // The send loop drains the audio already queued, then sends CloseStream.
        _outgoing.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_sending, _receiving).WaitAsync(CloseTimeout, _time);
        }
        catch (TimeoutException)
        {
            LogCloseTimedOut(_logger);
        }

        await _stop.CancelAsync();
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
        while (_outgoing.Reader.TryRead(out var left)) left.Release();
        _events.Writer.TryComplete();
        var (dropped, skipped) = Counters;
        if (dropped > 0 || skipped > 0) LogCounters(_logger, dropped, skipped);
    }

    private void SendKeepAliveIfIdle()
    {
        if (_closing || _failure is not null) return;
        if (_time.GetElapsedTime(Volatile.Read(ref _lastSentTimestamp)) < KeepAliveAfter) return;
        Volatile.Write(ref _lastSentTimestamp, _time.GetTimestamp());
        _outgoing.Writer.TryWrite(new Outgoing(null, 0, KeepAliveMessage));
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var item in _outgoing.Reader.ReadAllAsync(_stop.Token))
            {
                try
                {
                    if (item.Audio is { } audio)
                        await _socket.SendAsync(audio.AsMemory(0, item.Length), WebSocketMessageType.Binary, endOfMessage: true, _stop.Token);
                    else
                        await _socket.SendAsync(item.Control, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
                }
                finally
                {
                    item.Release();
                }
            }

            await _socket.SendAsync(CloseStreamMessage, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            if (!_closing) Fail(ProviderFailures.FromException(VoiceStage.SpeechToText, ex, _providerTimeout));
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new WebSocketMessageReader(_socket, DeepgramMessageParser.MaxMessageBytes);
        try
        {
            while (true)
            {
                var message = await reader.ReceiveAsync(_stop.Token);
                switch (message.Kind)
                {
                    case ReceivedKind.Closed:
                        if (!_closing) Fail(new ProviderError(VoiceStage.SpeechToText, ProviderErrorKind.Unreachable, "Deepgram closed the socket"));
                        else await CloseOutputQuietlyAsync();
                        return;
                    case ReceivedKind.Text when DeepgramMessageParser.TryParse(message.Payload, out var parsed):
                        Handle(parsed);
                        break;
                    case ReceivedKind.Text or ReceivedKind.TooLarge:
                        if (Interlocked.Increment(ref _skippedMessages) == 1) LogSkipped(_logger);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            if (!_closing) Fail(ProviderFailures.FromException(VoiceStage.SpeechToText, ex, _providerTimeout) with
            {
                Kind = ProviderErrorKind.Unreachable,
                Message = "the Deepgram socket dropped",
            });
        }
    }

    private void Handle(DeepgramMessage message)
    {
        var at = TimeSpan.FromSeconds(message.At);
        switch (message.Kind)
        {
            case DeepgramMessageKind.Results:
                HandleResults(message, at);
                break;
            case DeepgramMessageKind.SpeechStarted:
                _events.Writer.TryWrite(new SpeechToTextEvent(SpeechToTextEventKind.SpeechStarted, null, at));
                break;
            case DeepgramMessageKind.UtteranceEnd:
                _events.Writer.TryWrite(new SpeechToTextEvent(SpeechToTextEventKind.EndOfSpeech, null, at));
                break;
        }
    }

    private void HandleResults(DeepgramMessage message, TimeSpan at)
    {
        TaskCompletionSource? waiter = null;
        lock (_gate)
        {
            if (message.IsFinal)
            {
                if (message.Transcript.Length > 0) AppendWords(message.Transcript);
                _interim = string.Empty;
                waiter = _resultWaiter;
                _resultWaiter = null;
            }
            else
            {
                _interim = message.Transcript;
            }
        }

        if (message.Transcript.Length > 0)
        {
            var kind = message.IsFinal ? SpeechToTextEventKind.FinalTranscript : SpeechToTextEventKind.InterimTranscript;
            _events.Writer.TryWrite(new SpeechToTextEvent(kind, message.Transcript, at));
        }

        if (message.SpeechFinal) _events.Writer.TryWrite(new SpeechToTextEvent(SpeechToTextEventKind.EndOfSpeech, null, at));
        waiter?.TrySetResult();
    }

    private void AppendWords(string words)
    {
        if (_finals.Length > 0) _finals.Append(' ');
        _finals.Append(words);
    }

    private void Fail(ProviderError error)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            if (_failure is not null) return;
            _failure = error;
            waiter = _resultWaiter;
            _resultWaiter = null;
        }

        LogFailed(_logger, error.Kind, error.Message);
        _events.Writer.TryWrite(new SpeechToTextEvent(SpeechToTextEventKind.Failed, null, ToTime(Interlocked.Read(ref _samplesSent)), error));
        _events.Writer.TryComplete();
        _outgoing.Writer.TryComplete();
        waiter?.TrySetResult();
    }

    private async Task CloseOutputQuietlyAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _stop.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing anyway.
        }
    }

    private static TimeSpan ToTime(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deepgram session failed: {Kind}: {Detail}")]
    private static partial void LogFailed(ILogger logger, ProviderErrorKind kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a malformed Deepgram message (later ones are counted, not logged)")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deepgram session closed after dropping {DroppedFrames} audio frames and skipping {SkippedMessages} messages")]
    private static partial void LogCounters(ILogger logger, long droppedFrames, long skippedMessages);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deepgram did not finish closing in time; the socket is aborted")]
    private static partial void LogCloseTimedOut(ILogger logger);

    /// <summary>An audio frame in a pooled buffer, or a control message.</summary>
    private readonly record struct Outgoing(byte[]? Audio, int Length, byte[]? ControlMessage)
    {
        public ReadOnlyMemory<byte> Control => ControlMessage;

        public void Release()
        {
            if (Audio is not null) ArrayPool<byte>.Shared.Return(Audio);
        }
    }
}
