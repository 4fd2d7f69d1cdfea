using CleanAgent.Infrastructure.Calls;

namespace CleanAgent.UnitTests.Calls;

public sealed class OutboundAudioQueueTests
{
    // Frames live in pooled buffers (the queue returns them), so the test rents them like the session does.
    private static byte[] Frame(byte fill)
    {
        var frame = System.Buffers.ArrayPool<byte>.Shared.Rent(160);
        frame.AsSpan(0, 160).Fill(fill);
        return frame;
    }

    private static List<OutboundItem> DrainAll(OutboundAudioQueue queue)
    {
        var items = new List<OutboundItem>();
        while (queue.TryDequeue(out var item)) items.Add(item);
        return items;
    }

    [Fact]
    public void ItemsComeOutInTheOrderTheyWereQueued()
    {
        using var queue = new OutboundAudioQueue();
        queue.TryEnqueueFrame(Frame(1));
        queue.TryEnqueueFrame(Frame(2));
        queue.EnqueueMark("utterance-1");
        queue.TryEnqueueFrame(Frame(3));

        var items = DrainAll(queue);

        Assert.Equal([OutboundItemKind.Audio, OutboundItemKind.Audio, OutboundItemKind.Mark, OutboundItemKind.Audio], items.Select(i => i.Kind));
        Assert.Equal([1, 2, 3], items.Where(i => i.Frame is not null).Select(i => (int)i.Frame![0]));
        Assert.Equal("utterance-1", items[2].MarkName);
    }

    [Fact]
    public void ClearAudio_DropsQueuedFrames_PutsClearFirst_AndKeepsMarks()
    {
        using var queue = new OutboundAudioQueue();
        queue.TryEnqueueFrame(Frame(1));
        queue.EnqueueMark("a");
        queue.TryEnqueueFrame(Frame(2));
        queue.EnqueueMark("b");

        queue.ClearAudio();

        Assert.Equal(0, queue.QueuedFrames);
        var items = DrainAll(queue);
        Assert.Equal([OutboundItemKind.Clear, OutboundItemKind.Mark, OutboundItemKind.Mark], items.Select(i => i.Kind));
        Assert.Equal(["a", "b"], items.Skip(1).Select(i => i.MarkName));
    }

    [Fact]
    public void ClearAudio_CancelsTheTokenAWaitingWriterHolds()
    {
        using var queue = new OutboundAudioQueue();
        var token = queue.ClearedToken;

        queue.ClearAudio();

        Assert.True(token.IsCancellationRequested);
        Assert.False(queue.ClearedToken.IsCancellationRequested);
    }

    [Fact]
    public async Task WaitAsync_CompletesWhenSomethingIsQueued()
    {
        using var queue = new OutboundAudioQueue();
        var waiting = queue.WaitAsync(TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        queue.EnqueueMark("m");

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(0, queue.QueuedFrames);
    }

    [Fact]
    public void QueuedFrames_CountsOnlyAudio()
    {
        using var queue = new OutboundAudioQueue();
        queue.TryEnqueueFrame(Frame(1));
        queue.EnqueueMark("m");
        queue.TryEnqueueFrame(Frame(2));

        Assert.Equal(2, queue.QueuedFrames);
        queue.TryDequeue(out _);
        Assert.Equal(1, queue.QueuedFrames);
    }

    [Fact]
    public void Bound_RefusesFramesPastIt_AndTakesThemAgainOnceOneHasPlayed()
    {
        using var queue = new OutboundAudioQueue(maxFrames: 2);
        Assert.True(queue.TryEnqueueFrame(Frame(1)));
        Assert.True(queue.TryEnqueueFrame(Frame(2)));
        var refused = Frame(3);

        Assert.False(queue.TryEnqueueFrame(refused));
        Assert.False(queue.HasRoom);
        queue.EnqueueMark("still-taken"); // marks are not audio: the bound does not lose them
        Assert.True(queue.TryDequeue(out var played));
        played.ReturnFrame();
        Assert.True(queue.TryEnqueueFrame(refused));
        Assert.Equal(2, queue.QueuedFrames);
    }
}
