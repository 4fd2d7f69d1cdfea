using System.Buffers.Binary;

namespace CleanAgent.Infrastructure.Audio;

/// <summary>Writes 16-bit PCM mono as a canonical 44-byte-header WAV, the one flavour every transcription server reads.</summary>
public static class PcmWavWriter
{
    public const int HeaderBytes = 44;

    public static int SizeFor(int samples) => HeaderBytes + (samples * 2);

    /// <summary>Writes the WAV into <paramref name="destination"/>, which must hold <see cref="SizeFor"/> bytes.</summary>
    public static void Write(ReadOnlySpan<short> samples, int sampleRate, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var dataBytes = samples.Length * 2;
        if (destination.Length < HeaderBytes + dataBytes)
            throw new ArgumentException($"The destination needs {HeaderBytes + dataBytes} bytes.", nameof(destination));

        "RIFF"u8.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(destination[8..]);
        "fmt "u8.CopyTo(destination[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[20..], 1); // linear PCM
        BinaryPrimitives.WriteUInt16LittleEndian(destination[22..], 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[28..], (uint)(sampleRate * 2)); // byte rate
        BinaryPrimitives.WriteUInt16LittleEndian(destination[32..], 2); // block align
        BinaryPrimitives.WriteUInt16LittleEndian(destination[34..], 16); // bits per sample
        "data"u8.CopyTo(destination[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[40..], (uint)dataBytes);
        var data = destination.Slice(HeaderBytes, dataBytes);
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(data[(i * 2)..], samples[i]);
    }

    public static byte[] ToArray(ReadOnlySpan<short> samples, int sampleRate)
    {
        var bytes = new byte[SizeFor(samples.Length)];
        Write(samples, sampleRate, bytes);
        return bytes;
    }
}
