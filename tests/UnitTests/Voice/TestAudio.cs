namespace CleanAgent.UnitTests.Voice;

/// <summary>Deterministic 8 kHz test signals for the VAD's known-answer tests.</summary>
internal static class TestAudio
{
    public const int Rate = 8000;

    public static int Samples(double seconds) => (int)Math.Round(seconds * Rate);

    public static short[] Silence(double seconds) => new short[Samples(seconds)];

    /// <summary>A voiced, syllabic, speech-like signal (harmonics of a drifting 120 Hz pitch, ~200 ms syllables).</summary>
    public static short[] SpeechLike(double seconds, double amplitude = 6000, int seed = 7)
    {
        var samples = new short[Samples(seconds)];
        var random = new Random(seed);
        var phase = 0.0;
        var gain = 1.0;
        var lastSyllable = -1;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var syllable = (int)(t / 0.2);
            if (syllable != lastSyllable)
            {
                gain = 0.6 + (0.4 * random.NextDouble());
                lastSyllable = syllable;
            }

            var within = (t - (syllable * 0.2)) / 0.2;
            // Syllables start at full strength (no slow fade-in), so onsets are sharp, as a plosive or vowel onset is.
            var envelope = within < 0.85 ? 0.5 + (0.5 * Math.Cos(Math.PI * within / 0.85 * 0.9)) : 0.05;
            var f0 = 120 + (15 * Math.Sin(2 * Math.PI * 0.8 * t));
            phase += 2 * Math.PI * f0 / Rate;
            var value = 0.0;
            for (var h = 1; h * f0 < 3400; h++) value += Math.Sin(h * phase) / h;
            samples[i] = (short)Math.Clamp(amplitude * gain * envelope * value / 2.5, short.MinValue, short.MaxValue);
        }

        return samples;
    }

    /// <summary>A steady sine.</summary>
    public static short[] Tone(double seconds, double frequency = 440, double amplitude = 3000)
    {
        var samples = new short[Samples(seconds)];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)Math.Round(amplitude * Math.Sin(2 * Math.PI * frequency * i / Rate));
        return samples;
    }

    /// <summary>Gaussian noise of the given RMS, band-limited to roughly the telephone band (300–3400 Hz).</summary>
    public static short[] TelephoneNoise(double seconds, double rms, int seed = 11)
    {
        var random = new Random(seed);
        var raw = new double[Samples(seconds)];
        for (var i = 0; i < raw.Length; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            raw[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        // One-pole high-pass at 300 Hz, then a gentle one-pole low-pass near 3.4 kHz.
        var hp = Math.Exp(-2 * Math.PI * 300 / Rate);
        var lp = Math.Exp(-2 * Math.PI * 3400 / Rate);
        double x1 = 0, yh = 0, yl = 0, power = 0;
        var filtered = new double[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            yh = hp * (yh + raw[i] - x1);
            x1 = raw[i];
            yl = ((1 - lp) * yh) + (lp * yl);
            filtered[i] = yl;
            power += yl * yl;
        }

        var scale = rms / Math.Sqrt(power / filtered.Length);
        return [.. filtered.Select(v => (short)Math.Clamp(Math.Round(v * scale), short.MinValue, short.MaxValue))];
    }

    public static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    public static short[] Concat(params short[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Sample-wise sum, clipped.</summary>
    public static short[] Mix(short[] a, short[] b)
    {
        var mixed = new short[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < mixed.Length; i++)
        {
            var sum = (i < a.Length ? a[i] : 0) + (i < b.Length ? b[i] : 0);
            mixed[i] = (short)Math.Clamp(sum, short.MinValue, short.MaxValue);
        }

        return mixed;
    }
}
