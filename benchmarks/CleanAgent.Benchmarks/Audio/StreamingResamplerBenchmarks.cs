using BenchmarkDotNet.Attributes;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.Benchmarks.Audio;

/// <summary>
/// One 20 ms frame through each resampling direction a call uses: caller audio up to a speech service's rate,
/// synthesised speech down to the telephony rate.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from each benchmark class.</remarks>
[MemoryDiagnoser]
public class StreamingResamplerBenchmarks
{
    private readonly StreamingResampler _up8kTo16k = new(8000, 16000);
    private readonly StreamingResampler _up8kTo24k = new(8000, 24000);
    private readonly StreamingResampler _down16kTo8k = new(16000, 8000);
    private readonly StreamingResampler _down24kTo8k = new(24000, 8000);

    private readonly short[] _frame8k = new short[160];
    private readonly short[] _frame16k = new short[320];
    private readonly short[] _frame24k = new short[480];
    private readonly short[] _output = new short[480];

    [GlobalSetup]
    public void FillFramesWithATone()
    {
        // A speech-band tone rather than silence, so the arithmetic is on realistic, non-zero values.
        Fill(_frame8k, 8000);
        Fill(_frame16k, 16000);
        Fill(_frame24k, 24000);
    }

    [Benchmark]
    public int Upsample_8kTo16k_20msFrame() => _up8kTo16k.Process(_frame8k, _output);

    [Benchmark]
    public int Upsample_8kTo24k_20msFrame() => _up8kTo24k.Process(_frame8k, _output);

    [Benchmark]
    public int Downsample_16kTo8k_20msFrame() => _down16kTo8k.Process(_frame16k, _output);

    [Benchmark]
    public int Downsample_24kTo8k_20msFrame() => _down24kTo8k.Process(_frame24k, _output);

    private static void Fill(short[] frame, int rate)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)(12000 * Math.Sin(2 * Math.PI * 440 * i / rate));
        }
    }
}
