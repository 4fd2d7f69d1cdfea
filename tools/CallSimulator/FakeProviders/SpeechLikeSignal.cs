namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// A deterministic stand-in for speech: a voiced source (a 120 Hz fundamental with falling harmonics up to 3.4 kHz,
/// its pitch drifting) shaped into syllables of about 200 ms by a raised-cosine envelope with short dips between
/// them, the way syllabic speech modulates at about 4–5 Hz. Energy, spectrum and rhythm are speech-like enough for a
/// VAD and for realistic playout lengths; it is not intelligible.
/// </summary>
public static class SpeechLikeSignal
{
    /// <summary>About how long a fake TTS voice takes per character of text (15 characters a second).</summary>
    public static readonly TimeSpan PerCharacter = TimeSpan.FromMilliseconds(65);

    /// <summary>The signal at <paramref name="sampleRate"/> for <paramref name="duration"/>, peaking near <paramref name="amplitude"/>.</summary>
    public static short[] Generate(int sampleRate, TimeSpan duration, double amplitude = 8000, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var length = (int)(duration.Ticks * sampleRate / TimeSpan.TicksPerSecond);
        var samples = new short[length];
        var random = new Random(seed);
        const double syllable = 0.2;
        var phase = 0.0;
        var harmonics = new double[28];
        for (var h = 0; h < harmonics.Length; h++) harmonics[h] = 1.0 / (1 + h);
        var norm = harmonics.Sum();
        var syllableGain = 1.0;
        var lastSyllable = -1;
        for (var i = 0; i < length; i++)
        {
            var t = (double)i / sampleRate;
            var index = (int)(t / syllable);
            if (index != lastSyllable)
            {
                // Syllables differ in loudness, as stressed and unstressed ones do.
                syllableGain = 0.6 + (0.4 * random.NextDouble());
                lastSyllable = index;
            }

            var within = (t - (index * syllable)) / syllable;
            // Raised cosine over 85 % of the syllable, then a short near-silent gap.
            var envelope = within < 0.85 ? Math.Sin(Math.PI * within / 0.85) : 0.02;
            var f0 = 120 + (20 * Math.Sin(2 * Math.PI * 0.7 * t));
            phase += 2 * Math.PI * f0 / sampleRate;
            var value = 0.0;
            for (var h = 0; h < harmonics.Length; h++)
            {
                if ((h + 1) * f0 > 3400 || (h + 1) * f0 >= sampleRate / 2.0) break;
                value += harmonics[h] * Math.Sin((h + 1) * phase);
            }

            samples[i] = (short)Math.Clamp(Math.Round(amplitude * syllableGain * envelope * value / norm * 3), short.MinValue, short.MaxValue);
        }

        return samples;
    }

    /// <summary>How long a fake voice speaks <paramref name="text"/>: proportional to its length, at least 200 ms.</summary>
    public static TimeSpan DurationFor(string text) =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, PerCharacter.Ticks * text.Length));
}
