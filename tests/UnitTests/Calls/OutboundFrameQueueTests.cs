using CleanAgent.Infrastructure.Calls;

namespace CleanAgent.UnitTests.Calls;

public sealed class OutboundFrameQueueTests
{
    private static void Append(OutboundFrameQueue queue, byte fill)
    {
        var slot = queue.AppendFrame();
        Assert.False(slot.IsEmpty, "the queue refused a frame");
        slot.Fill(fill);
    }

    private static List<(OutboundStepKind Kind, byte Fill, string? Mark)> DrainAll(OutboundFrameQueue queue)
    {
        var steps = new List<(OutboundStepKind, byte, string?)>();
        while (queue.TryPeek(out var kind, out var frame, out var mark))
        {
            Assert.True(kind != OutboundStepKind.Audio || frame.Length == 160);
            steps.Add((kind, kind == OutboundStepKind.Audio ? frame[0] : (byte)0, mark));
            queue.Consume();
        }

        return steps;
    }

    [Fact]
    public void StepsComeOutInTheOrderTheyWereQueued()
    {
        using var queue = new OutboundFrameQueue(100, new MediaBufferPool());
        Append(queue, 1);
        Append(queue, 2);
        queue.AppendMark("utterance-1");
        Append(queue, 3);

        var steps = DrainAll(queue);

        Assert.Equal([OutboundStepKind.Audio, OutboundStepKind.Audio, OutboundStepKind.Mark, OutboundStepKind.Audio], steps.Select(s => s.Kind));
        Assert.Equal([1, 2, 3], steps.Where(s => s.Kind == OutboundStepKind.Audio).Select(s => (int)s.Fill));
        Assert.Equal("utterance-1", steps[2].Mark);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void ManySeconds_OfFrames_ComeOutWhole_AcrossChunks()
    {
        using var queue = new OutboundFrameQueue(1000, new MediaBufferPool());
        for (var i = 0; i < 333; i++) Append(queue, (byte)i);

        var steps = DrainAll(queue);

        Assert.Equal(Enumerable.Range(0, 333).Select(i => (byte)i), steps.Select(s => s.Fill));
    }

    [Fact]
    public void Clear_DropsQueuedFrames_PutsClearFirst_AndKeepsMarks()
    {
        using var queue = new OutboundFrameQueue(100, new MediaBufferPool());
        Append(queue, 1);
        queue.AppendMark("a");
        Append(queue, 2);
        queue.AppendMark("b");

        queue.Clear();

        Assert.Equal(0, queue.QueuedFrames);
        var steps = DrainAll(queue);
        Assert.Equal([OutboundStepKind.Clear, OutboundStepKind.Mark, OutboundStepKind.Mark], steps.Select(s => s.Kind));
        Assert.Equal(["a", "b"], steps.Skip(1).Select(s => s.Mark));
    }

    [Fact]
    public void QueuedFrames_CountsOnlyAudio()
    {
        using var queue = new OutboundFrameQueue(100, new MediaBufferPool());
        Append(queue, 1);
        queue.AppendMark("m");
        Append(queue, 2);

        Assert.Equal(2, queue.QueuedFrames);
        queue.Consume();
        Assert.Equal(1, queue.QueuedFrames);
    }

    [Fact]
    public void Bound_RefusesFramesPastIt_AndTakesThemAgainOnceOneHasPlayed()
    {
        using var queue = new OutboundFrameQueue(maxFrames: 2, new MediaBufferPool());
        Append(queue, 1);
        Append(queue, 2);

        Assert.True(queue.AppendFrame().IsEmpty);
        Assert.False(queue.HasRoom);
        queue.AppendMark("still-taken"); // marks are not audio: the bound does not lose them
        queue.Consume();
        Append(queue, 3);
        Assert.Equal(2, queue.QueuedFrames);
    }

    [Fact]
    public void PlayedChunks_GoBackToThePool_AndAreReused()
    {
        var pool = new MediaBufferPool();
        using var queue = new OutboundFrameQueue(1000, pool);
        for (var i = 0; i < MediaBufferPool.FramesPerChunk * 3; i++) Append(queue, 7);
        Assert.Equal(0, pool.Available);

        DrainAll(queue);
        Assert.Equal(3, pool.Available);
        for (var i = 0; i < MediaBufferPool.FramesPerChunk * 3; i++) Append(queue, 9);

        Assert.Equal(0, pool.Available); // the same three, not new ones
        queue.Clear();
        Assert.Equal(3, pool.Available);
    }

    [Fact]
    public void ASecondOfAudioKeptQueued_AsTheEchoAgentDoes_HoldsUnderASecondAndAFifthOfBuffer()
    {
        // The echo agent's steady state: a second of audio waiting, a frame in and a frame out every 20 ms.
        var pool = new MediaBufferPool();
        using var queue = new OutboundFrameQueue(1000, pool);
        for (var i = 0; i < 50; i++) Append(queue, 1);
        for (var i = 0; i < 500; i++)
        {
            Assert.True(queue.TryPeek(out _, out _, out _));
            queue.Consume();
            Append(queue, 2);
        }

        queue.Clear(); // every chunk it held goes back to the pool, where it can be counted
        var heldBytes = pool.Available * MediaBufferPool.ChunkBytes;
        Assert.InRange(heldBytes, 8_000, 9_600); // one-second chunks held 16,000
    }
}
