namespace CleanAgent.CallSimulator;

/// <summary>Test signals at the telephony rate (8 kHz): something a caller "says" that is easy to recognise when it comes back.</summary>
public static class ToneGenerator
{
    /// <summary>The only sample rate the simulator produces.</summary>
    public const int SampleRate = 8000;

    /// <summary>
    /// A sine of <paramref name="frequencyHz"/> with peak <paramref name="amplitude"/> (in 16-bit PCM units),
    /// lasting <paramref name="duration"/> (rounded down to whole samples), starting at phase 0.
    /// </summary>
    public static short[] Sine(double frequencyHz, double amplitude, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frequencyHz, SampleRate / 2.0);
        ArgumentOutOfRangeException.ThrowIfNegative(amplitude);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amplitude, short.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);

        var samples = new short[(int)(duration.Ticks * SampleRate / TimeSpan.TicksPerSecond)];
        var step = 2 * Math.PI * frequencyHz / SampleRate;
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (short)Math.Round(amplitude * Math.Sin(step * i));
        return samples;
    }

    /// <summary>The tone of <see cref="Sine"/>, already cut into μ-law frames ready to send.</summary>
    public static IReadOnlyList<byte[]> SineFrames(double frequencyHz, double amplitude, TimeSpan duration) =>
        MuLawFrames.FromPcm(Sine(frequencyHz, amplitude, duration));
}
