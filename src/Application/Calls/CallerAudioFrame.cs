using System.Buffers;

namespace CleanAgent.Application.Calls;

/// <summary>
/// A frame of caller audio (PCM, 8 kHz) in a reused buffer. 50 of these arrive per second per call, so frames come
/// from the call's <see cref="CallerAudioFramePool"/> (or, for odd sizes, the shared array pool) rather than being
/// allocated; whoever holds the frame last disposes it, once, and does not touch it afterwards.
/// </summary>
public sealed class CallerAudioFrame : IDisposable
{
    private readonly CallerAudioFramePool? _pool;
    private short[] _buffer;
    private int _rented;

    internal CallerAudioFrame(short[] buffer, int length, CallerAudioFramePool? pool)
    {
        _buffer = buffer;
        _pool = pool;
        Reuse(length);
    }

    public int Length { get; private set; }

    public ReadOnlySpan<short> Samples => Volatile.Read(ref _rented) == 1 ? _buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(CallerAudioFrame));

    /// <summary>The samples, for whoever fills the frame.</summary>
    public Span<short> Writable => Volatile.Read(ref _rented) == 1 ? _buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(CallerAudioFrame));

    /// <summary>A frame of <paramref name="length"/> samples outside any call's pool (tests, odd sizes).</summary>
    public static CallerAudioFrame Rent(int length) => new(ArrayPool<short>.Shared.Rent(length), length, pool: null);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rented, 0) == 0) return;
        if (_pool is not null) _pool.Return(this);
        else ArrayPool<short>.Shared.Return(_buffer);
    }

    internal int Capacity => _buffer.Length;

    internal void Reuse(int length)
    {
        Length = length;
        Volatile.Write(ref _rented, 1);
    }
}
