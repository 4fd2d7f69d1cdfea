using System.Buffers.Binary;
using System.Text;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

public sealed class AudioFileAndToneTests
{
    [Fact]
    public void Wav_WrittenThenRead_GivesTheSameSamples_As8kHzMonoPcm16()
    {
        var samples = new short[1234];
        new Random(7).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(samples.AsSpan()));
        var path = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.wav");
        try
        {
            WavFile.WriteSamples(path, samples);

            Assert.Equal(samples, WavFile.ReadSamples(path));
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(44 + (samples.Length * 2), bytes.Length);
            Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22))); // channels
            Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
            Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Wav_SkipsChunksItDoesNotNeed()
    {
        using var written = new MemoryStream();
        WavFile.WriteSamples(written, [1, -2, 3]);
        var original = written.ToArray();
        // Insert an odd-sized LIST chunk (plus its pad byte) between fmt and data, as many editors do.
        var list = new byte[8 + 3 + 1];
        Encoding.ASCII.GetBytes("LIST").CopyTo(list, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(list.AsSpan(4), 3);
        var withList = original[..36].Concat(list).Concat(original[36..]).ToArray();

        Assert.Equal([1, -2, 3], WavFile.ReadSamples(new MemoryStream(withList)));
    }

    [Fact]
    public void Wav_AtAnotherRate_IsRefusedWithAMessageSayingHowToConvert()
    {
        var wav = Wav(sampleRate: 16000, channels: 1, bits: 16);

        var error = Assert.Throws<InvalidDataException>(() => WavFile.ReadSamples(new MemoryStream(wav), "speech.wav"));

        Assert.Contains("speech.wav is 16000 Hz", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not resample", error.Message, StringComparison.Ordinal);
        Assert.Contains("-r 8000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wav_StereoOr8Bit_IsRefused()
    {
        Assert.Contains("2 channels", Assert.Throws<InvalidDataException>(() => WavFile.ReadSamples(new MemoryStream(Wav(8000, 2, 16)))).Message, StringComparison.Ordinal);
        Assert.Contains("8-bit", Assert.Throws<InvalidDataException>(() => WavFile.ReadSamples(new MemoryStream(Wav(8000, 1, 8)))).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => WavFile.ReadSamples(new MemoryStream("not a wav file at all"u8.ToArray())));
    }

    [Fact]
    public void ToneFrames_Are160Bytes_WithTheLastPaddedWithMuLawSilence()
    {
        var frames = ToneGenerator.SineFrames(440, 8000, TimeSpan.FromMilliseconds(510)); // 4080 samples = 25.5 frames

        Assert.Equal(26, frames.Count);
        Assert.All(frames, f => Assert.Equal(MuLawFrames.FrameSize, f.Length));
        Assert.All(frames[^1][80..], b => Assert.Equal(0xFF, b));
        Assert.False(MuLawFrames.IsSilence(frames[^1].AsSpan(0, 80)));
    }

    [Fact]
    public void ToneFrames_DecodeBackToTheTone()
    {
        var tone = ToneGenerator.Sine(440, 8000, TimeSpan.FromSeconds(1));

        var decoded = MuLawFrames.ToPcm(MuLawFrames.FromPcm(tone));

        Assert.Equal(8000, tone.Length);
        Assert.Equal(tone.Length, decoded.Length);
        Assert.InRange(tone.Max(), (short)7990, (short)8000);
        for (var i = 0; i < tone.Length; i++)
            Assert.True(Math.Abs(decoded[i] - tone[i]) <= Math.Max(8, Math.Abs((int)tone[i]) / 16), $"sample {i}: {tone[i]} came back as {decoded[i]}");
        // 440 Hz for one second crosses zero upwards 440 times.
        var upwardCrossings = Enumerable.Range(1, decoded.Length - 1).Count(i => decoded[i - 1] < 0 && decoded[i] >= 0);
        Assert.InRange(upwardCrossings, 439, 441);
    }

    [Fact]
    public void Silence_IsAllMuLawSilence()
    {
        var frames = MuLawFrames.Silence(3);

        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.True(MuLawFrames.IsSilence(f)));
        Assert.All(MuLawFrames.ToPcm(frames), s => Assert.Equal(0, s));
    }

    private static byte[] Wav(int sampleRate, int channels, int bits)
    {
        var wav = new byte[44 + 4];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), (uint)(wav.Length - 8));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(22), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(28), (uint)(sampleRate * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(32), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(wav.AsSpan(34), (ushort)bits);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 4);
        return wav;
    }
}
