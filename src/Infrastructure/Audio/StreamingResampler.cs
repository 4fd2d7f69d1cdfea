using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CleanAgent.Application.Calls;

namespace CleanAgent.Infrastructure.Audio;

/// <summary>
/// Band-limited sample-rate conversion of 16-bit mono PCM between the 8 kHz telephony rate and the 16 kHz or
/// 24 kHz rates that speech services use, in either direction, one frame at a time.
/// </summary>
/// <remarks>
/// <para>
/// Hand-written polyphase FIR rather than a library: NWaves only resamples whole signals, and NAudio's
/// <c>WdlResampler</c> (float, fractional phase accumulator) does not give sample-identical output when the same
/// signal arrives in 20 ms frames instead of one block, and costs roughly ten times as much per frame. All
/// supported ratios are integers (2 or 3), so an integer polyphase filter is exact and cheap.
/// </para>
/// <para>
/// Filter: Kaiser-windowed sinc (β = 5) designed at the higher rate, cut-off 3.6 kHz, so it is flat to 3 kHz
/// (−0.01 dB), −1.2 dB at 3.4 kHz, and attenuates everything from 4 kHz (the 8 kHz Nyquist frequency) up by at
/// least 52 dB: spectral images when upsampling and aliases when downsampling.
/// </para>
/// <para>
/// Group delay: exactly <see cref="GroupDelayMilliseconds"/> ms in every direction (16 samples at 8 kHz,
/// 32 at 16 kHz, 48 at 24 kHz). The output is not trimmed: output sample <c>n</c> represents the input signal at
/// time <c>n / OutputRate − 2 ms</c>, and the first 2 ms of output is the filter filling from silence.
/// </para>
/// <para>
/// The filter history and the decimation phase are carried across <see cref="Process"/> calls, so any split of
/// the input into frames yields exactly the output of processing it in one call (no clicks at frame
/// boundaries). One instance per stream and direction; not thread-safe. <see cref="Process"/> does not allocate.
/// </para>
/// </remarks>
public sealed class StreamingResampler
{
    /// <summary>Delay the filter adds between input and output, the same for every supported pair of rates.</summary>
    public const int GroupDelayMilliseconds = 2;

    private const int TelephonyRate = TelephonyAudio.SampleRate;
    private const double CutoffHz = 3600;
    private const double KaiserBeta = 5.0;

    /// <summary>Input samples converted per pass: one 20 ms frame at 24 kHz, so a typical frame is one pass.</summary>
    private const int ChunkLength = 480;

    private static readonly PolyphaseFilterBank Upsample2 = PolyphaseFilterBank.Design(16000, 2, upsampling: true);
    private static readonly PolyphaseFilterBank Upsample3 = PolyphaseFilterBank.Design(24000, 3, upsampling: true);
    private static readonly PolyphaseFilterBank Downsample2 = PolyphaseFilterBank.Design(16000, 2, upsampling: false);
    private static readonly PolyphaseFilterBank Downsample3 = PolyphaseFilterBank.Design(24000, 3, upsampling: false);

    private readonly PolyphaseFilterBank _filter;
    private readonly int _upFactor;
    private readonly int _downFactor;
    private readonly int _historyLength;

    /// <summary>The last <see cref="_historyLength"/> input samples, followed by room for one chunk of new ones.</summary>
    private readonly float[] _window;

    /// <summary>Downsampling only: input samples to pass over before the next one that yields an output.</summary>
    private int _inputsUntilNextOutput;

    /// <param name="inputRate">8000, 16000 or 24000 Hz.</param>
    /// <param name="outputRate">16000 or 24000 Hz from 8000 Hz input; 8000 Hz from 16000 or 24000 Hz input.</param>
    /// <exception cref="ArgumentOutOfRangeException">The pair of rates is not supported.</exception>
    public StreamingResampler(int inputRate, int outputRate)
    {
        (_filter, _upFactor, _downFactor) = (inputRate, outputRate) switch
        {
            (TelephonyRate, 16000) => (Upsample2, 2, 1),
            (TelephonyRate, 24000) => (Upsample3, 3, 1),
            (16000, TelephonyRate) => (Downsample2, 1, 2),
            (24000, TelephonyRate) => (Downsample3, 1, 3),
            _ => throw new ArgumentOutOfRangeException(
                nameof(outputRate),
                $"Resampling {inputRate} Hz to {outputRate} Hz is not supported; one side must be {TelephonyRate} Hz and the other 16000 or 24000 Hz."),
        };

        InputRate = inputRate;
        OutputRate = outputRate;
        _historyLength = _filter.PhaseLength - 1;
        _window = new float[_historyLength + ChunkLength];
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    /// <summary>The group delay expressed in output samples.</summary>
    public int GroupDelayInOutputSamples => OutputRate / 1000 * GroupDelayMilliseconds;

    /// <summary>An output length that is always enough for <paramref name="inputLength"/> input samples.</summary>
    public int MaxOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        return _upFactor > 1 ? inputLength * _upFactor : (inputLength + _downFactor - 1) / _downFactor;
    }

    /// <summary>
    /// Converts the next piece of the stream. Upsampling writes exactly <c>input.Length × ratio</c> samples;
    /// downsampling writes one sample per <c>ratio</c> input samples counted across calls, so frames whose length
    /// is not a multiple of the ratio give alternately one more or one fewer.
    /// </summary>
    /// <returns>The number of samples written to the start of <paramref name="output"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="output"/> is too short; see <see cref="MaxOutputLength"/>.</exception>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        if (output.Length < OutputLengthFor(input.Length))
        {
            throw new ArgumentException(
                $"The output buffer needs room for {OutputLengthFor(input.Length)} samples; see {nameof(MaxOutputLength)}.",
                nameof(output));
        }

        int written = 0;
        while (!input.IsEmpty)
        {
            int count = Math.Min(input.Length, ChunkLength);
            var fresh = _window.AsSpan(_historyLength, count);
            for (int i = 0; i < count; i++)
            {
                fresh[i] = input[i];
            }

            written += _upFactor > 1
                ? Interpolate(count, output[written..])
                : Decimate(count, output[written..]);

            // Keep the newest samples as the history the next chunk's filter taps reach back into.
            _window.AsSpan(count, _historyLength).CopyTo(_window);
            input = input[count..];
        }

        return written;
    }

    /// <summary>Forgets the stream so far, as if newly constructed (for reuse on a new call).</summary>
    public void Reset()
    {
        Array.Clear(_window);
        _inputsUntilNextOutput = 0;
    }

    private int OutputLengthFor(int inputLength)
    {
        if (_upFactor > 1)
        {
            return inputLength * _upFactor;
        }

        return inputLength > _inputsUntilNextOutput
            ? ((inputLength - _inputsUntilNextOutput - 1) / _downFactor) + 1
            : 0;
    }

    /// <summary>Each input sample yields one output per phase; phase p is the output p/L of a sample later.</summary>
    private int Interpolate(int count, Span<short> output)
    {
        int phaseLength = _filter.PhaseLength;
        ReadOnlySpan<float> coefficients = _filter.Coefficients;
        int written = 0;
        for (int i = 0; i < count; i++)
        {
            // The taps of input i are window[i .. i + phaseLength - 1], ending with input i itself.
            ReadOnlySpan<float> taps = _window.AsSpan(i, phaseLength);
            for (int phase = 0; phase < _upFactor; phase++)
            {
                output[written++] = ToPcm(Dot(coefficients.Slice(phase * phaseLength, phaseLength), taps));
            }
        }

        return written;
    }

    /// <summary>Filters only at the input samples that are kept: every M-th one, counted across calls.</summary>
    private int Decimate(int count, Span<short> output)
    {
        int phaseLength = _filter.PhaseLength;
        ReadOnlySpan<float> coefficients = _filter.Coefficients;
        int written = 0;
        int i = _inputsUntilNextOutput;
        for (; i < count; i += _downFactor)
        {
            output[written++] = ToPcm(Dot(coefficients, _window.AsSpan(i, phaseLength)));
        }

        _inputsUntilNextOutput = i - count;
        return written;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ReadOnlySpan<float> coefficients, ReadOnlySpan<float> samples)
    {
        // Lengths are whole vectors by construction (PhaseLength is padded), so no scalar tail is needed.
        Debug.Assert(coefficients.Length == samples.Length && coefficients.Length % Vector<float>.Count == 0);
        ref float c = ref MemoryMarshal.GetReference(coefficients);
        ref float s = ref MemoryMarshal.GetReference(samples);
        var sum = Vector<float>.Zero;
        for (nuint j = 0; j < (nuint)coefficients.Length; j += (nuint)Vector<float>.Count)
        {
            sum += Vector.LoadUnsafe(ref c, j) * Vector.LoadUnsafe(ref s, j);
        }

        return Vector.Sum(sum);
    }

    private static short ToPcm(float value) =>
        (short)MathF.Round(Math.Clamp(value, short.MinValue, short.MaxValue));

    /// <summary>
    /// A prototype low-pass filter split into phases, each stored time-reversed and zero-padded to a whole number
    /// of SIMD vectors, so that one output is a straight dot product with the most recent input samples.
    /// Immutable and shared by all resamplers of the same ratio.
    /// </summary>
    private sealed class PolyphaseFilterBank
    {
        private PolyphaseFilterBank(float[] coefficients, int phaseLength)
        {
            Coefficients = coefficients;
            PhaseLength = phaseLength;
        }

        /// <summary>Phase p occupies <c>[p × PhaseLength, (p + 1) × PhaseLength)</c>.</summary>
        public float[] Coefficients { get; }

        public int PhaseLength { get; }

        /// <param name="highRate">The higher of the two rates, at which the prototype filter runs.</param>
        /// <param name="factor">The integer ratio between the rates.</param>
        /// <param name="upsampling">
        /// True: one phase per output of an input sample, with gain <paramref name="factor"/> to make up for the
        /// zeros that interpolation implicitly inserts. False: a single phase evaluated at every kept input sample.
        /// </param>
        public static PolyphaseFilterBank Design(int highRate, int factor, bool upsampling)
        {
            double[] prototype = KaiserWindowedSinc(highRate);
            int phaseCount = upsampling ? factor : 1;
            double gain = upsampling ? factor : 1.0;
            int tapsPerPhase = (prototype.Length + phaseCount - 1) / phaseCount;
            int phaseLength = (tapsPerPhase + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

            var coefficients = new float[phaseCount * phaseLength];
            for (int phase = 0; phase < phaseCount; phase++)
            {
                for (int j = 0; j < phaseLength; j++)
                {
                    // Position j multiplies the input sample (phaseLength − 1 − j) samples before the newest.
                    int age = phaseLength - 1 - j;
                    int tap = phase + (age * phaseCount);
                    coefficients[(phase * phaseLength) + j] = tap < prototype.Length ? (float)(gain * prototype[tap]) : 0f;
                }
            }

            return new PolyphaseFilterBank(coefficients, phaseLength);
        }

        /// <summary>
        /// Linear-phase low-pass of odd length, so that its delay, (length − 1) / 2 samples, is exactly
        /// <see cref="GroupDelayMilliseconds"/> at <paramref name="rate"/>; normalised to unity gain at DC.
        /// </summary>
        private static double[] KaiserWindowedSinc(int rate)
        {
            int delay = rate / 1000 * GroupDelayMilliseconds;
            var taps = new double[(2 * delay) + 1];
            double normalisedCutoff = CutoffHz / rate;
            double windowScale = 1.0 / BesselI0(KaiserBeta);
            double sum = 0;
            for (int i = 0; i < taps.Length; i++)
            {
                int t = i - delay;
                double sinc = t == 0
                    ? 2 * normalisedCutoff
                    : Math.Sin(2 * Math.PI * normalisedCutoff * t) / (Math.PI * t);
                double r = (double)t / delay;
                taps[i] = sinc * BesselI0(KaiserBeta * Math.Sqrt(1 - (r * r))) * windowScale;
                sum += taps[i];
            }

            for (int i = 0; i < taps.Length; i++)
            {
                taps[i] /= sum;
            }

            return taps;
        }

        /// <summary>Modified Bessel function of the first kind, order zero, by its power series.</summary>
        private static double BesselI0(double x)
        {
            double sum = 1;
            double term = 1;
            double halfX = x / 2;
            for (int k = 1; term > 1e-12 * sum; k++)
            {
                term *= halfX / k * (halfX / k);
                sum += term;
            }

            return sum;
        }
    }
}
