using System.Globalization;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Voice.Vad;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// The built-in VAD on labelled 8 kHz telephone audio: real speech (espeak-ng), a synthetic speech-like signal, clean
/// and in telephone-band noise at 10 dB SNR, all through the μ-law codec as a call delivers them; and noise alone.
/// Onsets must be found within 100 ms; the end must be reported early enough that the agent's endpointing delay,
/// added on top, still ends the turn within <c>EndpointingDelay</c> + 100 ms of the last speech.
/// </summary>
public sealed class VadAccuracyTests : IDisposable
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan EndpointingDelay = TimeSpan.FromMilliseconds(500);
    private const double LeadSeconds = 1.5;
    private const double TailSeconds = 2.0;

    private static readonly string[] Sentences =
    [
        "Hello, I would like to check the status of my order.",
        "My account number is four five seven two nine.",
        "Can you transfer me to the billing department please?",
        "Yes that is correct.",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("cleanagent-vad-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<int, bool> EspeakCases()
    {
        var cases = new TheoryData<int, bool>();
        for (var i = 0; i < Sentences.Length; i++)
        {
            cases.Add(i, false);
            cases.Add(i, true);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(EspeakCases))]
    public void EspeakSpeech_IsFoundWithin100Ms_AndEndsInTimeForEndpointing(int sentence, bool noisy)
    {
        RequireEspeak();
        var speech = EspeakSpeech.Speak8k(Sentences[sentence], _folder);

        Measure($"espeak #{sentence}", speech, noisy);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SyntheticSpeechLikeSignal_IsFoundWithin100Ms_AndEndsInTimeForEndpointing(bool noisy)
    {
        var speech = SpeechLikeSignal.Generate(8000, TimeSpan.FromSeconds(2.4), amplitude: 6000, seed: 3);

        Measure("speech-like", speech, noisy);
    }

    [Fact]
    public void ThirtySecondsOfTelephoneNoise_HoldNoSpeech()
    {
        // The noise level of the 10 dB SNR cases, for a speaker at a typical level.
        var noise = TelephoneNoise(30, rms: 2000 / Math.Pow(10, 10 / 20.0), seed: 99);

        var segments = Detect(ThroughMuLaw(noise));

        Assert.Empty(segments);
        Report($"noise only: 30 s at RMS {Rms(noise):0}, {segments.Count} segments");
    }

    private static void RequireEspeak()
    {
        if (EspeakSpeech.Unavailable() is not { } why) return;
        // CI must run these: a missing package there is a broken set-up, not a reason to pass.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{why}. The CI machine must install it: `{EspeakSpeech.InstallCommand}` in .ci/run.");
        Assert.Skip($"{why}; skipped locally only, CI fails on it.");
    }

    private static void Measure(string name, short[] speech, bool noisy)
    {
        var (onset, end, activeRms) = Label(speech);
        var clean = new short[Samples(LeadSeconds)].Concat(speech).Concat(new short[Samples(TailSeconds)]).ToArray();
        var labelStart = TimeSpan.FromSeconds(LeadSeconds) + onset;
        var labelEnd = TimeSpan.FromSeconds(LeadSeconds) + end;
        var audio = noisy ? Mix(clean, TelephoneNoise(clean.Length / 8000.0, activeRms / Math.Pow(10, 10 / 20.0), seed: name.Length)) : clean;

        var segments = Detect(ThroughMuLaw(audio));

        Assert.NotEmpty(segments);
        var first = segments[0];
        var last = segments[^1];
        var onsetError = first.Start - labelStart;
        var endError = last.LastSpeech - labelEnd;
        // When the agent's endpointing timer, started from the reported last speech once the VAD reports the end, fires.
        var turnEnd = Max(last.ReportedEnd, last.LastSpeech + EndpointingDelay);
        var longestGap = segments.Zip(segments.Skip(1), (a, b) => b.Start - a.LastSpeech).DefaultIfEmpty(TimeSpan.Zero).Max();
        Report(string.Create(CultureInfo.InvariantCulture,
            $"{name} {(noisy ? "10 dB SNR" : "clean")}: onset {Ms(onsetError):+0;-0} ms (reported +{Ms(first.ReportedStart - labelStart):0} ms), last speech {Ms(endError):+0;-0} ms, " +
            $"end reported +{Ms(last.ReportedEnd - labelEnd):0} ms, turn ends +{Ms(turnEnd - labelEnd):0} ms, {segments.Count} segment(s), longest gap {Ms(longestGap):0} ms"));

        Assert.True(onsetError.Duration() <= Tolerance, $"onset off by {Ms(onsetError)} ms");
        // Reported once confirmed: in noise a soft start ("h", "k") is confirmed only when the vowel comes.
        Assert.True(first.ReportedStart - labelStart <= TimeSpan.FromMilliseconds(300), $"onset reported {Ms(first.ReportedStart - labelStart)} ms late");
        // In noise a fading last consonant sinks under the noise; clean, the end is exact.
        if (!noisy) Assert.True(endError.Duration() <= Tolerance, $"last speech off by {Ms(endError)} ms");
        Assert.True(turnEnd - labelEnd <= EndpointingDelay + Tolerance, $"the turn would end {Ms(turnEnd - labelEnd)} ms after the speech");
        Assert.True(turnEnd >= labelEnd, $"the turn would end {Ms(labelEnd - turnEnd)} ms before the speech does");
        // A pause inside the utterance that the endpointing delay would take for the end of the turn.
        Assert.True(longestGap < EndpointingDelay, $"a {Ms(longestGap)} ms gap inside the utterance");
    }

    private readonly record struct Segment(TimeSpan Start, TimeSpan ReportedStart, TimeSpan LastSpeech, TimeSpan ReportedEnd);

    private static List<Segment> Detect(short[] audio)
    {
        var detector = new EnergyVoiceActivityDetectorFactory().Create();
        var segments = new List<Segment>();
        TimeSpan start = default, reportedStart = default;
        for (var i = 0; i + 160 <= audio.Length; i += 160)
        {
            var activity = detector.Process(audio.AsSpan(i, 160));
            if (activity.Change == VoiceActivityChange.SpeechStarted) (start, reportedStart) = (activity.SpeechStart, activity.Position);
            if (activity.Change == VoiceActivityChange.SpeechEnded) segments.Add(new Segment(start, reportedStart, activity.LastSpeech, activity.Position));
        }

        return segments;
    }

    /// <summary>Onset and end of the speech in a clean recording: the first and last 10 ms whose RMS is within 35 dB of the loudest.</summary>
    private static (TimeSpan Onset, TimeSpan End, double ActiveRms) Label(short[] speech)
    {
        const int window = 80;
        var rms = Enumerable.Range(0, speech.Length / window).Select(w => Rms(speech.AsSpan(w * window, window))).ToArray();
        var threshold = rms.Max() * Math.Pow(10, -35 / 20.0);
        var first = Array.FindIndex(rms, r => r >= threshold);
        var last = Array.FindLastIndex(rms, r => r >= threshold);
        var active = rms.Where(r => r >= threshold).ToArray();
        var activeRms = Math.Sqrt(active.Average(r => r * r));
        return (TimeSpan.FromSeconds(first * window / 8000.0), TimeSpan.FromSeconds((last + 1) * window / 8000.0), activeRms);
    }

    private static short[] ThroughMuLaw(short[] pcm)
    {
        var mulaw = new byte[pcm.Length];
        MuLawCodec.Encode(pcm, mulaw);
        var decoded = new short[pcm.Length];
        MuLawCodec.Decode(mulaw, decoded);
        return decoded;
    }

    private static short[] TelephoneNoise(double seconds, double rms, int seed)
    {
        var random = new Random(seed);
        var length = Samples(seconds);
        var filtered = new double[length];
        var hp = Math.Exp(-2 * Math.PI * 300 / 8000);
        var lp = Math.Exp(-2 * Math.PI * 3400 / 8000);
        double x1 = 0, yh = 0, yl = 0, power = 0;
        for (var i = 0; i < length; i++)
        {
            var x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            yh = hp * (yh + x - x1);
            x1 = x;
            yl = ((1 - lp) * yh) + (lp * yl);
            filtered[i] = yl;
            power += yl * yl;
        }

        var scale = rms / Math.Sqrt(power / length);
        return [.. filtered.Select(v => (short)Math.Clamp(Math.Round(v * scale), short.MinValue, short.MaxValue))];
    }

    private static short[] Mix(short[] a, short[] b) =>
        [.. a.Select((s, i) => (short)Math.Clamp(s + (i < b.Length ? b[i] : 0), short.MinValue, short.MaxValue))];

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return Math.Sqrt(sum / Math.Max(1, samples.Length));
    }

    private static int Samples(double seconds) => (int)Math.Round(seconds * 8000);

    private static double Ms(TimeSpan value) => value.TotalMilliseconds;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
