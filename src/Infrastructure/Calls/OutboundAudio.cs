using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Observability;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// The agent's side of a call's audio: turns PCM of any length into 20 ms μ-law frames, queues them with the agent's
/// marks, and sends them to the provider at real time when <see cref="MediaClock"/> pumps it (every 20 ms, on the
/// clock's own thread: no timer, task or buffer per frame). A clear drops what is queued and goes out at once; the
/// first frames of an utterance go out at once too, rather than at the next tick, and the session pumps as each caller
/// frame arrives (<see cref="PumpNow"/>). <see cref="End"/> flushes the last words and places a final mark; nothing more
/// is taken afterwards. At most <c>maxQueued</c> of audio waits to play; what an agent queues beyond that is dropped and
/// counted (<see cref="DroppedFrames"/>), never buffered.
/// </summary>
/// <remarks>
/// Sends are never cancelled: a half-sent WebSocket message would kill the socket that must still carry the close.
/// A send that does not complete at once is left to finish; the stream is skipped until it has.
/// </remarks>
public sealed class OutboundAudio : IPacedStream, IDisposable
{
    private readonly IOutboundMediaSink _sink;
    private readonly MediaClock _clock;
    private readonly OutboundFrameQueue _queue;
    private readonly OutboundAudioPacer _pacer;
    private readonly Lock _gate = new();
    private readonly Lock _pumpGate = new();
    private readonly long _halfFrame;
    private readonly short[] _partialFrame = new short[TelephonyAudio.FrameSamples];
    private readonly byte[] _sending = new byte[TelephonyAudio.FrameBytes];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _partialLength;
    private bool _ended;
    private bool _started;
    private bool _stopped;
    private long _droppedFrames;
    private int _stalls;
    private TimeSpan _longestStall;
    private Task? _inflight;

    /// <summary>
    /// The earliest timestamp at which anything queued may go (<see cref="long.MaxValue"/>: nothing is queued). A pump
    /// reads it first and leaves when nothing is due, without a lock or a look at the queue: the clock's tick and the
    /// caller frames' pumps give every call a hundred moments a second, and most find nothing to send. Written under
    /// <see cref="_gate"/> with the queue it describes; it only moves when the head of the queue or the pacing does.
    /// </summary>
    private long _dueAt = long.MaxValue;

    /// <param name="maxQueued">The most audio that may wait to play; null for no bound.</param>
    public OutboundAudio(IOutboundMediaSink sink, MediaClock clock, TimeSpan maxLead, TimeSpan? maxQueued = null, MediaBufferPool? pool = null)
    {
        _sink = sink;
        _clock = clock;
        _pacer = new OutboundAudioPacer(clock.TimestampFrequency, TelephonyAudio.FrameDuration, maxLead);
        _halfFrame = (long)(TelephonyAudio.FrameDuration.TotalSeconds / 2 * clock.TimestampFrequency);
        var maxFrames = maxQueued is { } bound ? Math.Max(1, (int)(bound / TelephonyAudio.FrameDuration)) : int.MaxValue;
        _queue = new OutboundFrameQueue(maxFrames, pool ?? MediaBufferPool.Shared);
    }

    /// <summary>Frames still to play (20 ms each).</summary>
    public int QueuedFrames
    {
        get
        {
            lock (_gate) return _queue.QueuedFrames;
        }
    }

    /// <summary>
    /// Times the provider had played all it was sent while more waited here (the audio came late), and the longest
    /// such silence: each adds its length to the delay of everything after it.
    /// </summary>
    public (int Count, TimeSpan Longest) Stalls
    {
        get
        {
            lock (_gate) return (_stalls, _longestStall);
        }
    }

    /// <summary>Frames the agent queued while the queue was full, thrown away.</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    /// <summary>Faults when a send fails (the socket died); completes when stopped.</summary>
    public Task Completion => _completion.Task;

    /// <summary>From now on the clock pumps this stream.</summary>
    public void Start()
    {
        Volatile.Write(ref _started, true);
        _clock.Register(this);
    }

    public void Play(ReadOnlySpan<short> pcm)
    {
        bool startsUtterance;
        lock (_gate)
        {
            if (_ended) return;
            startsUtterance = _queue.IsEmpty;
            while (!pcm.IsEmpty)
            {
                var take = Math.Min(TelephonyAudio.FrameSamples - _partialLength, pcm.Length);
                pcm[..take].CopyTo(_partialFrame.AsSpan(_partialLength));
                _partialLength += take;
                pcm = pcm[take..];
                if (_partialLength == TelephonyAudio.FrameSamples) FlushPartialFrame();
            }
        }

        // The first words of an utterance should not wait for the next tick.
        if (startsUtterance) Pump(_clock.Now);
    }

    public void Mark(string name)
    {
        lock (_gate)
        {
            if (_ended) return;
            QueueMark(name);
        }
    }

    /// <summary>Barge-in: drops what is queued; a <c>clear</c> goes out at once.</summary>
    public void ClearAudio()
    {
        lock (_gate)
        {
            if (_ended) return;
            _partialLength = 0;
            _queue.Clear();
            DueNow(); // the clear goes first
        }

        Pump(_clock.Now);
    }

    /// <summary>Queues the rest of the utterance and a final mark; false when already ended.</summary>
    public bool End(string finalMark)
    {
        lock (_gate)
        {
            if (_ended) return false;
            QueueMark(finalMark);
            _ended = true;
            return true;
        }
    }

    /// <summary>
    /// Sends what is due: queued marks and clears at once, frames up to the lead ahead of their playout. Called by
    /// the clock each tick, and by the agent's thread for a clear or a new utterance; one at a time (the other skips).
    /// </summary>
    public void Pump(long now) => Pump(now, anticipation: 0);

    /// <param name="anticipation">How far <paramref name="now"/> is ahead of the clock (<see cref="PumpNow"/>): not part of a stall.</param>
    private void Pump(long now, long anticipation)
    {
        if (now < Volatile.Read(ref _dueAt) || !_pumpGate.TryEnter()) return;
        try
        {
            if (!Volatile.Read(ref _started) || _stopped || _completion.Task.IsCompleted) return;
            if (_inflight is { } inflight)
            {
                if (!inflight.IsCompleted) return;
                _inflight = null;
                inflight.GetAwaiter().GetResult(); // a failed send faults the stream
            }

            while (TakeDue(now, anticipation, out var kind, out var mark))
            {
                var send = kind switch
                {
                    OutboundStepKind.Audio => _sink.SendAudioAsync(_sending),
                    OutboundStepKind.Mark => _sink.SendMarkAsync(mark!),
                    _ => _sink.SendClearAsync(),
                };
                if (send.IsCompletedSuccessfully) continue;
                if (send.IsCompleted)
                {
                    send.GetAwaiter().GetResult();
                    continue;
                }

                _inflight = send.AsTask(); // back-pressure: the rest waits for this send (rare; only then a Task)
                return;
            }
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
        }
        finally
        {
            _pumpGate.Exit();
        }
    }

    /// <summary>
    /// Sends what is due now or within half a frame. The session calls it as each caller frame arrives: the provider
    /// streams at real time, so while the caller's audio flows the agent's frames leave on the thread that already woke
    /// for it, and the clock's tick finds nothing due (it only drives the stream when the caller is silent).
    /// </summary>
    /// <remarks>
    /// Why half a frame early: the agent's frames fall due on the grid of the caller frame that started them, so a
    /// caller frame arriving a millisecond early would find its answer not yet due and leave it to the clock's next
    /// tick, up to a frame later, and the provider would receive the agent's audio in uneven gaps (5 ms, then 35 ms).
    /// Half a frame absorbs the caller's jitter; a frame then leaves at most half a frame beyond the lead.
    /// </remarks>
    public void PumpNow() => Pump(_clock.Now + _halfFrame, anticipation: _halfFrame);

    /// <summary>Takes the clock's pumping away and waits for a send under way (never cancelled mid-message).</summary>
    public async Task StopAsync()
    {
        _clock.Unregister(this);
        Task? inflight;
        lock (_pumpGate)
        {
            _stopped = true;
            inflight = _inflight;
        }

        if (inflight is not null)
        {
            try
            {
                await inflight;
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
            }
        }

        _completion.TrySetResult();
    }

    public void Dispose()
    {
        _clock.Unregister(this);
        lock (_gate) _queue.Dispose();
    }

    /// <summary>The next step if it is due, its frame copied out so the send happens outside the lock.</summary>
    private bool TakeDue(long now, long anticipation, out OutboundStepKind kind, out string? mark)
    {
        lock (_gate)
        {
            if (!_queue.TryPeek(out kind, out var frame, out mark))
            {
                _pacer.Pause(); // nothing to play: the next utterance starts at real time, not "catching up"
                Volatile.Write(ref _dueAt, long.MaxValue);
                return false;
            }

            switch (kind)
            {
                case OutboundStepKind.Audio:
                    var maySend = _pacer.MaySend(now, out var stalledTicks);
                    if (stalledTicks > anticipation) Stalled(stalledTicks - anticipation);
                    if (!maySend)
                    {
                        Volatile.Write(ref _dueAt, _pacer.NextSendAt);
                        return false;
                    }

                    frame.CopyTo(_sending);
                    _pacer.FrameSent();
                    break;
                case OutboundStepKind.Clear:
                    _pacer.Pause();
                    break;
            }

            _queue.Consume();
            return true;
        }
    }

    /// <summary>The provider ran out of audio while frames waited here (a pump came late): counted, and the metric.</summary>
    private void Stalled(long ticks)
    {
        var silence = TimeSpan.FromSeconds((double)ticks / _clock.TimestampFrequency);
        _stalls++;
        if (silence > _longestStall) _longestStall = silence;
        CallMetrics.OutboundStalled(silence);
    }

    /// <summary>The head of the queue changed (something queued into an empty queue, or a clear put first): due at once.</summary>
    private void DueNow() => Volatile.Write(ref _dueAt, long.MinValue);

    /// <summary>The rest of the utterance, then a mark behind it. Under <see cref="_gate"/>.</summary>
    private void QueueMark(string name)
    {
        FlushPartialFrame();
        var wasEmpty = _queue.IsEmpty;
        _queue.AppendMark(name);
        if (wasEmpty) DueNow();
    }

    /// <summary>Pads what is left of an utterance with silence so it goes out as a whole frame. Under <see cref="_gate"/>.</summary>
    private void FlushPartialFrame()
    {
        if (_partialLength == 0) return;
        var wasEmpty = _queue.IsEmpty;
        var slot = _queue.AppendFrame();
        if (slot.IsEmpty)
        {
            Interlocked.Increment(ref _droppedFrames);
        }
        else
        {
            MuLawCodec.Encode(_partialFrame.AsSpan(0, _partialLength), slot);
            slot[_partialLength..].Fill(MuLawCodec.Silence);
            if (wasEmpty) DueNow();
        }

        _partialLength = 0;
    }
}
