using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// Chunks of outbound μ-law (one second, 50 frames each) shared by every call. A call rents one when its queue
/// needs room and returns it once played, usually on another thread: unlike <c>ArrayPool.Shared</c>, whose per-thread
/// caches miss when the renting and returning threads differ, one small locked stack serves both sides without
/// allocating. A second's worth of audio per chunk keeps the lock to about one use per call-second.
/// </summary>
public sealed class MediaBufferPool
{
    public const int FramesPerChunk = 50;
    public const int ChunkBytes = FramesPerChunk * TelephonyAudio.FrameBytes;

    private readonly Lock _gate = new();
    private readonly Stack<byte[]> _free = new();
    private readonly int _maxKept;

    /// <param name="maxKept">Chunks kept for reuse at most; what is returned beyond that is left to the GC.</param>
    public MediaBufferPool(int maxKept = 4096) => _maxKept = maxKept;

    public static MediaBufferPool Shared { get; } = new();

    /// <summary>Chunks waiting to be reused.</summary>
    public int Available
    {
        get
        {
            lock (_gate) return _free.Count;
        }
    }

    public byte[] Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out var chunk)) return chunk;
        }

        return new byte[ChunkBytes];
    }

    public void Return(byte[] chunk)
    {
        if (chunk.Length != ChunkBytes) throw new ArgumentException("Not a chunk of this pool.", nameof(chunk));
        lock (_gate)
        {
            if (_free.Count < _maxKept) _free.Push(chunk);
        }
    }
}
