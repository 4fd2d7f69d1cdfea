using System.Buffers.Binary;
using System.Text;

namespace CleanAgent.CallSimulator;

/// <summary>
/// Reads and writes the one WAV flavour a telephony caller needs: 16-bit PCM, mono, 8 kHz.
/// </summary>
/// <remarks>
/// There is deliberately no resampler here: a file at another rate is refused with a message saying how to
/// convert it, so that a benchmark never silently measures a resampling artefact of the simulator.
/// </remarks>
public static class WavFile
{
    private const ushort PcmFormat = 1;
    private const ushort ExtensibleFormat = 0xFFFE;

    /// <summary>Reads the samples of a PCM16 mono 8 kHz WAV file.</summary>
    /// <exception cref="InvalidDataException">The file is not a WAV file, or not PCM16 mono 8 kHz.</exception>
    public static short[] ReadSamples(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadSamples(stream, Path.GetFileName(path));
    }

    /// <summary>Reads the samples of a PCM16 mono 8 kHz WAV stream. <paramref name="name"/> only labels error messages.</summary>
    /// <exception cref="InvalidDataException">The stream is not a WAV file, or not PCM16 mono 8 kHz.</exception>
    public static short[] ReadSamples(Stream stream, string name = "WAV stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[12];
        ReadExactly(stream, header, name);
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException($"{name} is not a WAV file (no RIFF/WAVE header).");

        var formatSeen = false;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            if (stream.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false) < chunkHeader.Length)
                throw new InvalidDataException($"{name} has no data chunk.");
            var id = Encoding.ASCII.GetString(chunkHeader[..4]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);

            if (id == "fmt ")
            {
                if (size < 16) throw new InvalidDataException($"{name} has a truncated fmt chunk.");
                var format = new byte[size];
                ReadExactly(stream, format, name);
                CheckFormat(format, name);
                formatSeen = true;
            }
            else if (id == "data")
            {
                if (!formatSeen) throw new InvalidDataException($"{name} has its data chunk before its fmt chunk.");
                // Some writers leave the size at 0 or 0xFFFFFFFF while streaming: then the data runs to the end.
                var data = size is 0 or uint.MaxValue ? ReadToEnd(stream) : ReadData(stream, size);
                var samples = new short[data.Length / 2];
                for (var i = 0; i < samples.Length; i++)
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(i * 2));
                return samples;
            }
            else
            {
                // LIST, fact, cue …: skip, including the pad byte that keeps chunks word-aligned.
                Skip(stream, size + (size & 1), name);
            }

            if (id == "fmt " && (size & 1) == 1) Skip(stream, 1, name);
        }
    }

    /// <summary>Writes <paramref name="samples"/> as a PCM16 mono 8 kHz WAV file, replacing any existing file.</summary>
    public static void WriteSamples(string path, ReadOnlySpan<short> samples)
    {
        using var stream = File.Create(path);
        WriteSamples(stream, samples);
    }

    /// <summary>Writes <paramref name="samples"/> as a PCM16 mono 8 kHz WAV stream.</summary>
    public static void WriteSamples(Stream stream, ReadOnlySpan<short> samples)
    {
        ArgumentNullException.ThrowIfNull(stream);
        const int sampleRate = ToneGenerator.SampleRate;
        var dataBytes = samples.Length * 2;
        var buffer = new byte[44 + dataBytes];
        var span = buffer.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], PcmFormat);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1); // channels
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], sampleRate * 2); // byte rate
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2); // block align
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16); // bits per sample
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], samples[i]);
        stream.Write(buffer);
    }

    private static void CheckFormat(ReadOnlySpan<byte> format, string name)
    {
        var audioFormat = BinaryPrimitives.ReadUInt16LittleEndian(format);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(format[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(format[4..]);
        var bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(format[14..]);
        const string convert = "convert it first, e.g. `sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav` " +
                               "or `ffmpeg -i in.wav -ar 8000 -ac 1 -c:a pcm_s16le out.wav`";

        if (audioFormat is not (PcmFormat or ExtensibleFormat))
            throw new InvalidDataException($"{name} is not linear PCM (format tag {audioFormat}); {convert}.");
        if (bitsPerSample != 16)
            throw new InvalidDataException($"{name} has {bitsPerSample}-bit samples; only 16-bit PCM is supported; {convert}.");
        if (channels != 1)
            throw new InvalidDataException($"{name} has {channels} channels; only mono is supported; {convert}.");
        if (sampleRate != ToneGenerator.SampleRate)
            throw new InvalidDataException(
                $"{name} is {sampleRate} Hz; the simulator sends 8000 Hz telephony audio and does not resample; {convert}.");
    }

    private static byte[] ReadData(Stream stream, uint size)
    {
        var data = new byte[size];
        var read = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        // A truncated file (a recording cut short) still yields what it has.
        return read == data.Length ? data : data[..read];
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new InvalidDataException($"{name} is truncated.");
    }

    private static void Skip(Stream stream, long count, string name)
    {
        if (stream.CanSeek)
        {
            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        var scratch = new byte[Math.Min(count, 4096)];
        while (count > 0)
        {
            var read = stream.Read(scratch, 0, (int)Math.Min(count, scratch.Length));
            if (read == 0) throw new InvalidDataException($"{name} is truncated.");
            count -= read;
        }
    }
}
