using BenchmarkDotNet.Attributes;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.Vad;

namespace CleanAgent.Benchmarks.Voice;

/// <summary>
/// One 20 ms frame through the built-in VAD, as every call does 50 times a second: on silence, on steady speech, and
/// on a stream that keeps starting and ending speech (the state machine's every branch).
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from each benchmark class.</remarks>
[MemoryDiagnoser]
public class VoiceActivityDetectorBenchmarks
{
    private const int FrameSamples = IVoiceActivityDetector.FrameSamples;

    private readonly EnergyVoiceActivityDetector _detector = new();
    private readonly short[] _silence = new short[FrameSamples];
    private short[] _speech = [];
    private short[] _alternating = [];
    private int _position;

    [GlobalSetup]
    public void MakeSignals()
    {
        _speech = new short[FrameSamples];
        for (int i = 0; i < _speech.Length; i++)
        {
            _speech[i] = (short)((6000 * Math.Sin(2 * Math.PI * 140 * i / 8000)) + (2000 * Math.Sin(2 * Math.PI * 900 * i / 8000)));
        }

        // 400 ms of speech, then 400 ms of silence, over and over.
        _alternating = new short[FrameSamples * 40];
        for (int frame = 0; frame < 40; frame++)
        {
            if (frame < 20) _speech.CopyTo(_alternating, frame * FrameSamples);
        }
    }

    [Benchmark(Baseline = true)]
    public VoiceActivity Silence_20msFrame() => _detector.Process(_silence);

    [Benchmark]
    public VoiceActivity Speech_20msFrame() => _detector.Process(_speech);

    [Benchmark]
    public VoiceActivity StartingAndEndingSpeech_20msFrame()
    {
        var frame = _alternating.AsSpan(_position, FrameSamples);
        _position = (_position + FrameSamples) % _alternating.Length;
        return _detector.Process(frame);
    }
}
