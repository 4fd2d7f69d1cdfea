using BenchmarkDotNet.Attributes;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.Benchmarks.Audio;

/// <summary>One 20 ms telephony frame (160 samples at 8 kHz) through the G.711 μ-law codec, each way.</summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from each benchmark class.</remarks>
[MemoryDiagnoser]
public class MuLawCodecBenchmarks
{
    private const int FrameLength = 160;

    private readonly byte[] _mulaw = new byte[FrameLength];
    private readonly short[] _pcm = new short[FrameLength];

    [GlobalSetup]
    public void FillFrameWithNoise()
    {
        // Fixed seed: every run measures the same frame.
        var random = new Random(20);
        random.NextBytes(_mulaw);
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);
        }
    }

    [Benchmark]
    public short Decode_160ByteFrame()
    {
        MuLawCodec.Decode(_mulaw, _pcm);
        return _pcm[^1];
    }

    [Benchmark]
    public byte Encode_160SampleFrame()
    {
        MuLawCodec.Encode(_pcm, _mulaw);
        return _mulaw[^1];
    }
}
