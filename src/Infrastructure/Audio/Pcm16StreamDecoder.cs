using System.Buffers.Binary;

namespace CleanAgent.Infrastructure.Audio;

/// <summary>
/// Turns a byte stream of 16-bit little-endian PCM into samples as it arrives. Network reads split the stream
/// anywhere, an odd count included, so the half sample at the end of one read is kept for the next.
/// </summary>
public sealed class Pcm16StreamDecoder
{
    private byte _carry;
    private bool _hasCarry;

    /// <summary>Whether half a sample is waiting for its other byte.</summary>
    public bool HasPartialSample => _hasCarry;

    /// <summary>Samples that <paramref name="byteCount"/> more bytes can complete, at most.</summary>
    public int MaxSamplesFor(int byteCount) => (byteCount + 1) / 2;

    /// <summary>Decodes the next bytes of the stream.</summary>
    /// <returns>The number of samples written to the start of <paramref name="samples"/>.</returns>
    public int Decode(ReadOnlySpan<byte> bytes, Span<short> samples)
    {
        if (samples.Length < (bytes.Length + (_hasCarry ? 1 : 0)) / 2)
            throw new ArgumentException("The sample buffer is too short for these bytes.", nameof(samples));

        var written = 0;
        if (_hasCarry && !bytes.IsEmpty)
        {
            samples[written++] = (short)(_carry | (bytes[0] << 8));
            bytes = bytes[1..];
            _hasCarry = false;
        }

        var whole = bytes.Length / 2;
        for (var i = 0; i < whole; i++)
            samples[written++] = BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]);

        if ((bytes.Length & 1) == 1)
        {
            _carry = bytes[^1];
            _hasCarry = true;
        }

        return written;
    }

    public void Reset() => _hasCarry = false;
}
