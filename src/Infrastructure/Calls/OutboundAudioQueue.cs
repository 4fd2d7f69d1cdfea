using System.Buffers;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// What waits to be sent to the provider, in order. The agent adds at its own pace; the paced writer takes one
/// item at a time. <see cref="ClearAudio"/> drops every queued frame at once (barge-in) but keeps marks, so each
/// mark the agent placed is still sent and echoed, and puts a <c>clear</c> first in line. Audio is bounded: an agent
/// that queues faster than real time (an echo of a flood, a runaway reply) cannot grow a call's memory without limit.
/// </summary>
public sealed class OutboundAudioQueue(int maxFrames = int.MaxValue) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly LinkedList<OutboundItem> _items = new();
    private TaskCompletionSource _available = NewSignal();
    private CancellationTokenSource _cleared = new();
    private int _queuedFrames;

    /// <summary>Frames waiting, i.e. how much audio is still to play (20 ms each).</summary>
    public int QueuedFrames
    {
        get
        {
            lock (_gate) return _queuedFrames;
        }
    }

    /// <summary>Cancelled by the next <see cref="ClearAudio"/>: lets the writer abandon a frame it is waiting to send.</summary>
    public CancellationToken ClearedToken
    {
        get
        {
            lock (_gate) return _cleared.Token;
        }
    }

    /// <summary>Queues a frame; false (and the frame stays the caller's) when <c>maxFrames</c> are already waiting.</summary>
    public bool TryEnqueueFrame(byte[] frame)
    {
        lock (_gate)
        {
            if (_queuedFrames >= maxFrames) return false;
            AddLocked(new OutboundItem(OutboundItemKind.Audio, Frame: frame));
            return true;
        }
    }

    /// <summary>Room for at least one more frame.</summary>
    public bool HasRoom
    {
        get
        {
            lock (_gate) return _queuedFrames < maxFrames;
        }
    }

    public void EnqueueMark(string name) => Add(new OutboundItem(OutboundItemKind.Mark, MarkName: name));

    public void ClearAudio()
    {
        CancellationTokenSource cleared;
        lock (_gate)
        {
            for (var node = _items.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Kind is OutboundItemKind.Audio or OutboundItemKind.Clear)
                {
                    node.Value.ReturnFrame();
                    _items.Remove(node);
                }

                node = next;
            }

            _queuedFrames = 0;
            _items.AddFirst(new OutboundItem(OutboundItemKind.Clear));
            cleared = _cleared;
            _cleared = new CancellationTokenSource();
            _available.TrySetResult();
        }

        cleared.Cancel();
        cleared.Dispose();
    }

    /// <summary>Takes the next item if there is one.</summary>
    public bool TryDequeue(out OutboundItem item)
    {
        lock (_gate)
        {
            if (_items.First is not { } first)
            {
                item = default;
                return false;
            }

            _items.RemoveFirst();
            if (first.Value.Kind == OutboundItemKind.Audio) _queuedFrames--;
            item = first.Value;
            return true;
        }
    }

    /// <summary>Completes when something is queued.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_items.Count > 0) return Task.CompletedTask;
            if (_available.Task.IsCompleted) _available = NewSignal();
            return _available.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Returns every pooled frame still queued; the queue is not used afterwards.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var item in _items) item.ReturnFrame();
            _items.Clear();
            _queuedFrames = 0;
            _cleared.Dispose();
        }
    }

    private void Add(OutboundItem item)
    {
        lock (_gate) AddLocked(item);
    }

    private void AddLocked(OutboundItem item)
    {
        _items.AddLast(item);
        if (item.Kind == OutboundItemKind.Audio) _queuedFrames++;
        _available.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
