using System.Buffers;
using CleanAgent.Application.Calls;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// The agent's side of a call's audio: turns PCM of any length into 20 ms μ-law frames, queues them with the
/// agent's marks, and plays them to a sink at real time through <see cref="OutboundAudioPacer"/>. A clear drops
/// what is queued and reaches the sink within one frame time. <see cref="End"/> flushes the last words and
/// places a final mark; nothing more is taken afterwards. At most <c>maxQueued</c> of audio waits to play; what an
/// agent queues beyond that is dropped and counted (<see cref="DroppedFrames"/>), never buffered.
/// </summary>
public sealed class OutboundAudioPlayer : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly OutboundAudioQueue _queue;
    private readonly OutboundAudioPacer _pacer;
    private readonly Lock _gate = new();
    private readonly short[] _partialFrame = new short[TelephonyAudio.FrameSamples];
    private int _partialLength;
    private bool _ended;
    private long _droppedFrames;

    /// <param name="maxQueued">The most audio that may wait to play; null for no bound.</param>
    public OutboundAudioPlayer(TimeProvider clock, TimeSpan maxLead, TimeSpan? maxQueued = null)
    {
        _clock = clock;
        _pacer = new OutboundAudioPacer(clock, TelephonyAudio.FrameDuration, maxLead);
        _queue = new OutboundAudioQueue(maxQueued is { } bound ? Math.Max(1, (int)(bound / TelephonyAudio.FrameDuration)) : int.MaxValue);
    }

    /// <summary>Frames still to play (20 ms each).</summary>
    public int QueuedFrames => _queue.QueuedFrames;

    /// <summary>Frames the agent queued while the queue was full, thrown away.</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    public void Play(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            if (_ended) return;
            while (!pcm.IsEmpty)
            {
                var take = Math.Min(TelephonyAudio.FrameSamples - _partialLength, pcm.Length);
                pcm[..take].CopyTo(_partialFrame.AsSpan(_partialLength));
                _partialLength += take;
                pcm = pcm[take..];
                if (_partialLength == TelephonyAudio.FrameSamples) FlushPartialFrame();
            }
        }
    }

    public void Mark(string name)
    {
        lock (_gate)
        {
            if (_ended) return;
            FlushPartialFrame();
            _queue.EnqueueMark(name);
        }
    }

    public void ClearAudio()
    {
        lock (_gate)
        {
            if (_ended) return;
            _partialLength = 0;
            _queue.ClearAudio();
        }
    }

    /// <summary>Queues the rest of the utterance and a final mark; false when already ended.</summary>
    public bool End(string finalMark)
    {
        lock (_gate)
        {
            if (_ended) return false;
            FlushPartialFrame();
            _queue.EnqueueMark(finalMark);
            _ended = true;
            return true;
        }
    }

    /// <summary>
    /// Plays the queue to <paramref name="sink"/> until <paramref name="stop"/>. Stopping only ever interrupts a
    /// wait, never a send: a half-sent WebSocket message would kill the socket that must still carry the close.
    /// </summary>
    public async Task RunAsync(IOutboundMediaSink sink, CancellationToken stop)
    {
        while (true)
        {
            if (!_queue.TryDequeue(out var item))
            {
                _pacer.Pause(); // nothing to play: the next utterance starts at real time, not "catching up"
                await _queue.WaitAsync(stop);
                continue;
            }

            switch (item.Kind)
            {
                case OutboundItemKind.Audio:
                    try
                    {
                        var delay = _pacer.DelayBeforeNextFrame();
                        if (delay > TimeSpan.Zero && !await WaitUnlessClearedAsync(delay)) continue;
                        stop.ThrowIfCancellationRequested();
                        await sink.SendAudioAsync(item.Frame.AsMemory(0, TelephonyAudio.FrameSamples));
                        _pacer.FrameSent();
                    }
                    finally
                    {
                        item.ReturnFrame();
                    }

                    break;
                case OutboundItemKind.Mark:
                    await sink.SendMarkAsync(item.MarkName!);
                    break;
                case OutboundItemKind.Clear:
                    _pacer.Pause();
                    await sink.SendClearAsync();
                    break;
            }
        }
    }

    public void Dispose() => _queue.Dispose();

    /// <summary>
    /// Waits for a frame's send time; false when a clear dropped the frame meanwhile. Only a clear interrupts the
    /// wait (no linked token per frame): the wait is at most a frame plus the lead, and the caller checks
    /// <c>stop</c> right after it.
    /// </summary>
    private async Task<bool> WaitUnlessClearedAsync(TimeSpan delay)
    {
        var cleared = _queue.ClearedToken;
        try
        {
            await Task.Delay(delay, _clock, cleared);
            return true;
        }
        catch (OperationCanceledException) when (cleared.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Pads what is left of an utterance with silence so it goes out as a whole frame.</summary>
    private void FlushPartialFrame()
    {
        if (_partialLength == 0) return;
        if (!_queue.HasRoom)
        {
            _partialLength = 0;
            Interlocked.Increment(ref _droppedFrames);
            return;
        }

        var frame = ArrayPool<byte>.Shared.Rent(TelephonyAudio.FrameSamples);
        MuLawCodec.Encode(_partialFrame.AsSpan(0, _partialLength), frame);
        frame.AsSpan(_partialLength, TelephonyAudio.FrameSamples - _partialLength).Fill(MuLawCodec.Silence);
        _partialLength = 0;
        if (_queue.TryEnqueueFrame(frame)) return;

        ArrayPool<byte>.Shared.Return(frame);
        Interlocked.Increment(ref _droppedFrames);
    }
}
