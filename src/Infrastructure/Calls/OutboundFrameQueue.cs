using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// What waits to be sent to the provider, in order: 20 ms μ-law frames, the agent's marks, and a <c>clear</c>. Frames
/// live in pooled chunks of 200 ms (<see cref="MediaBufferPool"/>), and the order is kept as runs of frames between
/// marks, so queueing and playing a frame allocate nothing. <see cref="Clear"/> drops every frame at once (barge-in)
/// but keeps the marks — each mark the agent placed is still sent and echoed — and puts a <c>clear</c> first in line.
/// Not thread-safe: its owner (<see cref="OutboundAudio"/>) holds a lock around it.
/// </summary>
internal sealed class OutboundFrameQueue(int maxFrames, MediaBufferPool pool) : IDisposable
{
    private readonly Queue<byte[]> _chunks = new();
    private OutboundStep[] _steps = new OutboundStep[8];
    private int _stepHead;
    private int _stepCount;
    private byte[]? _writeChunk;
    private int _writeFrame = MediaBufferPool.FramesPerChunk;
    private int _readFrame;

    /// <summary>Frames waiting, i.e. how much audio is still to play (20 ms each).</summary>
    public int QueuedFrames { get; private set; }

    public bool HasRoom => QueuedFrames < maxFrames;

    public bool IsEmpty => _stepCount == 0;

    /// <summary>The slot of a new frame at the end of the queue, for the caller to fill; null when the queue is full.</summary>
    public Span<byte> AppendFrame()
    {
        if (!HasRoom) return default;
        if (_writeFrame == MediaBufferPool.FramesPerChunk)
        {
            _writeChunk = pool.Rent();
            _chunks.Enqueue(_writeChunk);
            _writeFrame = 0;
        }

        var slot = _writeChunk.AsSpan(_writeFrame++ * TelephonyAudio.FrameBytes, TelephonyAudio.FrameBytes);
        QueuedFrames++;
        if (_stepCount > 0 && Tail.Kind == OutboundStepKind.Audio) Tail = Tail with { Frames = Tail.Frames + 1 };
        else AddStep(new OutboundStep(OutboundStepKind.Audio, Frames: 1));
        return slot;
    }

    public void AppendMark(string name) => AddStep(new OutboundStep(OutboundStepKind.Mark, Mark: name));

    /// <summary>Drops every queued frame; marks stay; a <c>clear</c> goes first.</summary>
    public void Clear()
    {
        var kept = 0;
        var marks = new OutboundStep[_stepCount];
        for (var i = 0; i < _stepCount; i++)
        {
            var step = _steps[(_stepHead + i) % _steps.Length];
            if (step.Kind == OutboundStepKind.Mark) marks[kept++] = step;
        }

        ReleaseFrames();
        _stepHead = 0;
        _stepCount = 0;
        AddStep(new OutboundStep(OutboundStepKind.Clear));
        for (var i = 0; i < kept; i++) AddStep(marks[i]);
    }

    /// <summary>What is next: a frame (its bytes in <paramref name="frame"/>), a mark, or a clear; false when nothing is queued.</summary>
    public bool TryPeek(out OutboundStepKind kind, out ReadOnlySpan<byte> frame, out string? mark)
    {
        frame = default;
        mark = null;
        kind = default;
        if (_stepCount == 0) return false;
        var head = _steps[_stepHead];
        kind = head.Kind;
        if (kind == OutboundStepKind.Audio) frame = _chunks.Peek().AsSpan(_readFrame * TelephonyAudio.FrameBytes, TelephonyAudio.FrameBytes);
        else mark = head.Mark;
        return true;
    }

    /// <summary>Takes away what <see cref="TryPeek"/> showed.</summary>
    public void Consume()
    {
        var head = _steps[_stepHead];
        if (head.Kind != OutboundStepKind.Audio)
        {
            RemoveHead();
            return;
        }

        QueuedFrames--;
        _readFrame++;
        if (QueuedFrames == 0)
        {
            ReleaseFrames(); // drained: the chunk goes back, the next frame starts afresh
        }
        else if (_readFrame == MediaBufferPool.FramesPerChunk)
        {
            pool.Return(_chunks.Dequeue()); // played out; the frames still queued are in the next chunk
            _readFrame = 0;
        }

        if (head.Frames == 1) RemoveHead();
        else _steps[_stepHead] = head with { Frames = head.Frames - 1 };
    }

    /// <summary>Returns every chunk to the pool; the queue is not used afterwards.</summary>
    public void Dispose()
    {
        ReleaseFrames();
        _stepCount = 0;
    }

    private ref OutboundStep Tail => ref _steps[(_stepHead + _stepCount - 1) % _steps.Length];

    private void ReleaseFrames()
    {
        while (_chunks.TryDequeue(out var chunk)) pool.Return(chunk);
        _writeChunk = null;
        _writeFrame = MediaBufferPool.FramesPerChunk;
        _readFrame = 0;
        QueuedFrames = 0;
    }

    private void AddStep(OutboundStep step)
    {
        if (_stepCount == _steps.Length)
        {
            var grown = new OutboundStep[_steps.Length * 2];
            for (var i = 0; i < _stepCount; i++) grown[i] = _steps[(_stepHead + i) % _steps.Length];
            _steps = grown;
            _stepHead = 0;
        }

        _steps[(_stepHead + _stepCount++) % _steps.Length] = step;
    }

    private void RemoveHead()
    {
        _steps[_stepHead] = default;
        _stepHead = (_stepHead + 1) % _steps.Length;
        _stepCount--;
    }
}
