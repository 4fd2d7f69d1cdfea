using System.Buffers;

namespace CleanAgent.Application.Calls;

/// <summary>
/// A frame of caller audio (PCM, 8 kHz) in a pooled buffer. 50 of these arrive per second per call, so the
/// samples are rented rather than allocated; whoever holds the frame last disposes it.
/// </summary>
public sealed class CallerAudioFrame : IDisposable
{
    private short[]? _buffer;

    private CallerAudioFrame(short[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<short> Samples => _buffer is { } buffer ? buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(CallerAudioFrame));

    /// <summary>A frame of <paramref name="length"/> samples for the caller to fill through <see cref="Writable"/>.</summary>
    public static CallerAudioFrame Rent(int length) => new(ArrayPool<short>.Shared.Rent(length), length);

    public Span<short> Writable => _buffer is { } buffer ? buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(CallerAudioFrame));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null) ArrayPool<short>.Shared.Return(buffer);
    }
}
