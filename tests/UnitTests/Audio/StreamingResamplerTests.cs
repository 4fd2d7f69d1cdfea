using CleanAgent.Infrastructure.Audio;
using CleanAgent.UnitTests.Support;
using Xunit;

namespace CleanAgent.UnitTests.Audio;

public sealed class StreamingResamplerTests
{
    public static TheoryData<int, int> SupportedRatePairs => new()
    {
        { 8000, 16000 },
        { 8000, 24000 },
        { 16000, 8000 },
        { 24000, 8000 },
    };

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_InTwentyMillisecondFrames_EqualsOneBlockSampleExact(int inputRate, int outputRate)
    {
        var input = SpeechLikeSignal(inputRate, seconds: 2);

        var oneBlock = ProcessInOneBlock(new StreamingResampler(inputRate, outputRate), input);
        var framed = ProcessInFrames(new StreamingResampler(inputRate, outputRate), input, [inputRate / 50]);

        Assert.Equal(oneBlock, framed);
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_InIrregularFrames_EqualsOneBlockSampleExact(int inputRate, int outputRate)
    {
        // Odd sizes and sizes either side of the internal chunk length move the decimation phase and the history
        // across every kind of boundary.
        var input = SpeechLikeSignal(inputRate, seconds: 2);

        var oneBlock = ProcessInOneBlock(new StreamingResampler(inputRate, outputRate), input);
        var framed = ProcessInFrames(
            new StreamingResampler(inputRate, outputRate), input, [1, 7, 13, 160, 479, 480, 481, 2, 1000]);

        Assert.Equal(oneBlock, framed);
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_OverManyTwentyMillisecondFrames_OutputLengthIsInputLengthTimesRatio(int inputRate, int outputRate)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);
        int inputFrame = inputRate / 50;
        var input = new short[inputFrame];
        var output = new short[resampler.MaxOutputLength(inputFrame)];

        long written = 0;
        for (int frame = 0; frame < 500; frame++)
        {
            int count = resampler.Process(input, output);
            Assert.Equal(outputRate / 50, count);
            written += count;
        }

        Assert.Equal(500L * inputFrame * outputRate / inputRate, written);
    }

    [Theory]
    [InlineData(16000, 7)]
    [InlineData(24000, 7)]
    [InlineData(24000, 13)]
    public void Downsample_FramesNotAMultipleOfTheRatio_CarryThePhaseSoTotalLengthIsExact(int inputRate, int frameLength)
    {
        var resampler = new StreamingResampler(inputRate, 8000);
        int ratio = inputRate / 8000;
        var input = new short[frameLength];
        var output = new short[resampler.MaxOutputLength(frameLength)];

        long written = 0;
        for (int frame = 0; frame < 1000; frame++)
        {
            written += resampler.Process(input, output);
        }

        long inputLength = 1000L * frameLength;
        Assert.Equal((inputLength + ratio - 1) / ratio, written);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 24000)]
    public void Upsample_1kHzSine_KeepsFrequencyAndAmplitudeAfterTheGroupDelay(int inputRate, int outputRate)
    {
        AssertSineSurvives(inputRate, outputRate, frequency: 1000);
    }

    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(24000, 8000)]
    public void Downsample_1kHzSine_KeepsFrequencyAndAmplitudeAfterTheGroupDelay(int inputRate, int outputRate)
    {
        AssertSineSurvives(inputRate, outputRate, frequency: 1000);
    }

    [Theory]
    [InlineData(8000, 16000)]
    [InlineData(8000, 24000)]
    [InlineData(16000, 8000)]
    [InlineData(24000, 8000)]
    public void Resample_3kHzSine_StaysInThePassband(int inputRate, int outputRate)
    {
        AssertSineSurvives(inputRate, outputRate, frequency: 3000);
    }

    [Theory]
    [InlineData(24000, 6000)]
    [InlineData(16000, 6000)]
    [InlineData(24000, 4500)]
    [InlineData(16000, 4500)]
    [InlineData(24000, 10000)]
    public void Downsample_ToneAboveTelephonyNyquist_IsRejectedInsteadOfAliased(int inputRate, int frequency)
    {
        const double amplitude = 16000;
        var resampler = new StreamingResampler(inputRate, 8000);
        var input = Sine(frequency, inputRate, inputRate, amplitude);

        var output = ProcessInFrames(resampler, input, [inputRate / 50]);

        // Skip the filter filling from silence; after that only the alias (if any) is left.
        double outputRms = Rms(output.AsSpan(800, 7000));
        double attenuationDb = 20 * Math.Log10((amplitude / Math.Sqrt(2)) / Math.Max(outputRms, 1e-9));
        Assert.True(attenuationDb > 50, $"{frequency} Hz at {inputRate} Hz only attenuated by {attenuationDb:F1} dB");
    }

    [Theory]
    [InlineData(16000, 5000)]
    [InlineData(24000, 5000)]
    [InlineData(24000, 11000)]
    [InlineData(24000, 13000)]
    public void Upsample_3kHzSine_HasItsSpectralImagesRemoved(int outputRate, int imageFrequency)
    {
        // Upsampling by L leaves copies of a 3 kHz tone at k·8 kHz ± 3 kHz unless the filter removes them.
        const double amplitude = 16000;
        var resampler = new StreamingResampler(8000, outputRate);
        var input = Sine(3000, 8000, 8000, amplitude);

        var output = ProcessInFrames(resampler, input, [160]);

        // One second of steady state: a whole number of cycles of any integer frequency.
        var steady = output.AsSpan(outputRate / 10, outputRate / 2);
        double imageAmplitude = AmplitudeAt(steady, imageFrequency, outputRate);
        double rejectionDb = 20 * Math.Log10(amplitude / Math.Max(imageAmplitude, 1e-9));
        Assert.True(rejectionDb > 50, $"image at {imageFrequency} Hz only {rejectionDb:F1} dB down");
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_Impulse_PeaksAfterTheDocumentedGroupDelay(int inputRate, int outputRate)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);
        var input = new short[inputRate / 10];
        int impulseAt = 480; // a multiple of every ratio, so the impulse lands on a kept sample when decimating
        input[impulseAt] = 20000;

        var output = ProcessInOneBlock(resampler, input);

        int expectedPeak = (impulseAt * outputRate / inputRate) + (outputRate / 1000 * StreamingResampler.GroupDelayMilliseconds);
        Assert.Equal(expectedPeak, IndexOfMax(output));
        Assert.Equal(outputRate / 1000 * StreamingResampler.GroupDelayMilliseconds, resampler.GroupDelayInOutputSamples);
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_Silence_StaysSilent(int inputRate, int outputRate)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);

        var output = ProcessInFrames(resampler, new short[inputRate], [inputRate / 50]);

        Assert.All(output, sample => Assert.Equal(0, sample));
    }

    [Fact]
    public void Upsample_FullScaleSquareWave_ClampsOvershootInsteadOfWrapping()
    {
        // A full-scale square wave makes the filter overshoot (Gibbs); a missing clamp would wrap to the
        // opposite sign, a loud click.
        var input = new short[8000];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i / 8) % 2 == 0 ? short.MaxValue : short.MinValue;
        }

        var output = ProcessInOneBlock(new StreamingResampler(8000, 16000), input);

        int delay = 32;
        for (int n = delay + 64; n < output.Length; n++)
        {
            short expected = input[(n - delay) / 2];
            bool nearEdge = ((n - delay) % 16) is < 4 or > 12;
            if (!nearEdge)
            {
                Assert.True(Math.Sign(output[n]) == Math.Sign(expected), $"sample {n} is {output[n]}, input was {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Reset_AfterUse_BehavesLikeANewInstance(int inputRate, int outputRate)
    {
        var input = SpeechLikeSignal(inputRate, seconds: 1);
        var used = new StreamingResampler(inputRate, outputRate);
        ProcessInFrames(used, input.AsSpan(0, 1234).ToArray(), [7]);

        used.Reset();

        Assert.Equal(
            ProcessInFrames(new StreamingResampler(inputRate, outputRate), input, [inputRate / 50]),
            ProcessInFrames(used, input, [inputRate / 50]));
    }

    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(16000, 24000)]
    [InlineData(8000, 48000)]
    [InlineData(44100, 8000)]
    [InlineData(0, 8000)]
    public void Constructor_UnsupportedPairOfRates_Throws(int inputRate, int outputRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingResampler(inputRate, outputRate));
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_OutputBufferTooShort_ThrowsWithoutConsumingInput(int inputRate, int outputRate)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);
        var input = SpeechLikeSignal(inputRate, seconds: 1);
        var frame = input.AsSpan(0, inputRate / 50).ToArray();

        Assert.Throws<ArgumentException>(
            () => resampler.Process(frame, new short[resampler.MaxOutputLength(frame.Length) - 1]));

        Assert.Equal(
            ProcessInFrames(new StreamingResampler(inputRate, outputRate), input, [inputRate / 50]),
            ProcessInFrames(resampler, input, [inputRate / 50]));
    }

    [Fact]
    public void MaxOutputLength_NegativeInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingResampler(8000, 16000).MaxOutputLength(-1));
    }

    [Theory]
    [MemberData(nameof(SupportedRatePairs))]
    public void Process_AfterWarmUp_DoesNotAllocate(int inputRate, int outputRate)
    {
        var resampler = new StreamingResampler(inputRate, outputRate);
        var input = SpeechLikeSignal(inputRate, seconds: 1).AsSpan(0, inputRate / 50).ToArray();
        var output = new short[resampler.MaxOutputLength(input.Length)];
        resampler.Process(input, output);

        SteadyStateAllocation.AssertNone(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                resampler.Process(input, output);
            }
        });
    }

    /// <summary>
    /// Compares the steady-state output against the ideal: the same sine, delayed by exactly the documented
    /// group delay. A wrong frequency, gain or delay leaves a large residual.
    /// </summary>
    private static void AssertSineSurvives(int inputRate, int outputRate, int frequency)
    {
        const double amplitude = 16000;
        var resampler = new StreamingResampler(inputRate, outputRate);
        var input = Sine(frequency, inputRate, inputRate * 3 / 2, amplitude);

        var output = ProcessInFrames(resampler, input, [inputRate / 50]);

        Assert.Equal(input.Length * outputRate / inputRate, output.Length);
        var steady = output.AsSpan(outputRate / 5, outputRate);
        double delaySeconds = StreamingResampler.GroupDelayMilliseconds / 1000.0;

        // Passband gain of the filter is within 0.1 dB up to 3 kHz.
        double measured = AmplitudeAt(steady, frequency, outputRate);
        Assert.InRange(20 * Math.Log10(measured / amplitude), -0.1, 0.1);

        double residualSquares = 0;
        for (int i = 0; i < steady.Length; i++)
        {
            double t = ((outputRate / 5) + i) / (double)outputRate - delaySeconds;
            double ideal = amplitude * Math.Sin(2 * Math.PI * frequency * t);
            residualSquares += (steady[i] - ideal) * (steady[i] - ideal);
        }

        double residualRms = Math.Sqrt(residualSquares / steady.Length);
        double signalToResidualDb = 20 * Math.Log10((amplitude / Math.Sqrt(2)) / residualRms);
        Assert.True(signalToResidualDb > 40, $"output differs from the delayed sine: only {signalToResidualDb:F1} dB apart");
    }

    /// <summary>A 300 Hz tone plus seeded noise: broadband, so every filter tap and phase matters.</summary>
    private static short[] SpeechLikeSignal(int rate, int seconds)
    {
        var random = new Random(42);
        var signal = new short[rate * seconds];
        for (int i = 0; i < signal.Length; i++)
        {
            double value = (8000 * Math.Sin(2 * Math.PI * 300 * i / rate)) + random.Next(-6000, 6000);
            signal[i] = (short)value;
        }

        return signal;
    }

    private static short[] Sine(double frequency, int rate, int length, double amplitude)
    {
        var signal = new short[length];
        for (int i = 0; i < length; i++)
        {
            signal[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate));
        }

        return signal;
    }

    private static short[] ProcessInOneBlock(StreamingResampler resampler, short[] input)
    {
        var output = new short[resampler.MaxOutputLength(input.Length)];
        int written = resampler.Process(input, output);
        return output.AsSpan(0, written).ToArray();
    }

    /// <summary>Feeds the input in frames whose lengths cycle through <paramref name="frameLengths"/>.</summary>
    private static short[] ProcessInFrames(StreamingResampler resampler, short[] input, int[] frameLengths)
    {
        var collected = new List<short>(resampler.MaxOutputLength(input.Length));
        var frameOutput = new short[resampler.MaxOutputLength(frameLengths.Max())];
        int position = 0;
        for (int frame = 0; position < input.Length; frame++)
        {
            int length = Math.Min(frameLengths[frame % frameLengths.Length], input.Length - position);
            int written = resampler.Process(input.AsSpan(position, length), frameOutput);
            collected.AddRange(frameOutput.AsSpan(0, written));
            position += length;
        }

        return [.. collected];
    }

    /// <summary>Amplitude of the <paramref name="frequency"/> component, by projection onto sine and cosine.</summary>
    private static double AmplitudeAt(ReadOnlySpan<short> signal, double frequency, int rate)
    {
        double inPhase = 0;
        double quadrature = 0;
        for (int i = 0; i < signal.Length; i++)
        {
            double angle = 2 * Math.PI * frequency * i / rate;
            inPhase += signal[i] * Math.Sin(angle);
            quadrature += signal[i] * Math.Cos(angle);
        }

        return 2 * Math.Sqrt((inPhase * inPhase) + (quadrature * quadrature)) / signal.Length;
    }

    private static double Rms(ReadOnlySpan<short> signal)
    {
        double sum = 0;
        foreach (short sample in signal)
        {
            sum += (double)sample * sample;
        }

        return Math.Sqrt(sum / signal.Length);
    }

    private static int IndexOfMax(short[] signal)
    {
        int best = 0;
        for (int i = 1; i < signal.Length; i++)
        {
            if (signal[i] > signal[best])
            {
                best = i;
            }
        }

        return best;
    }
}
