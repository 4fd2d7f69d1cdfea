using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.Vad;
using CleanAgent.UnitTests.Support;

namespace CleanAgent.UnitTests.Voice;

/// <summary>Known answers of the built-in VAD on constructed 8 kHz signals whose speech boundaries are exact.</summary>
public sealed class EnergyVoiceActivityDetectorTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);

    private static List<(VoiceActivity Activity, TimeSpan ReportedAt)> Run(short[] audio, int chunk = 160)
    {
        var detector = new EnergyVoiceActivityDetector();
        var changes = new List<(VoiceActivity, TimeSpan)>();
        for (var offset = 0; offset < audio.Length; offset += chunk)
        {
            var activity = detector.Process(audio.AsSpan(offset, Math.Min(chunk, audio.Length - offset)));
            if (activity.Change != VoiceActivityChange.None) changes.Add((activity, activity.Position));
        }

        return changes;
    }

    [Fact]
    public void Silence_IsNeverSpeech()
    {
        Assert.Empty(Run(TestAudio.Silence(10)));
    }

    [Fact]
    public void SpeechAfterSilence_StartsAtItsOnset_AndEndsAfterTheHangover_DatedAtItsLastSpeech()
    {
        var audio = TestAudio.Concat(TestAudio.Silence(1.0), TestAudio.Tone(1.0), TestAudio.Silence(1.0));

        var changes = Run(audio);

        Assert.Equal(2, changes.Count);
        var (start, startReported) = changes[0];
        Assert.Equal(VoiceActivityChange.SpeechStarted, start.Change);
        Assert.Equal(TimeSpan.FromSeconds(1.0), start.SpeechStart);
        Assert.True(start.InSpeech);
        // Confirmed after the minimum speech length, but dated at the onset.
        Assert.Equal(TimeSpan.FromSeconds(1.0) + (EnergyVoiceActivityDetector.MinSpeechFrames * Frame), startReported);

        var (end, endReported) = changes[1];
        Assert.Equal(VoiceActivityChange.SpeechEnded, end.Change);
        Assert.False(end.InSpeech);
        Assert.Equal(TimeSpan.FromSeconds(1.0), end.SpeechStart);
        // The frame straddling the tone's end (it has a filter tail) may still count as speech.
        Assert.InRange(end.LastSpeech, TimeSpan.FromSeconds(2.0), TimeSpan.FromSeconds(2.0) + Frame);
        Assert.Equal(end.LastSpeech + (EnergyVoiceActivityDetector.HangoverFrames * Frame), endReported);
    }

    [Fact]
    public void Click_ShorterThanTheMinimumSpeech_IsNotSpeech()
    {
        // 25 ms, plus the high-pass filter's few-ms ring-out, touches two 20 ms frames: one short of the minimum.
        var audio = TestAudio.Concat(TestAudio.Silence(1), TestAudio.Tone(0.025, amplitude: 12000), TestAudio.Silence(1));

        Assert.Empty(Run(audio));
    }

    [Fact]
    public void PauseShorterThanTheHangover_DoesNotSplitTheSpeech()
    {
        var audio = TestAudio.Concat(TestAudio.Silence(1), TestAudio.Tone(0.5), TestAudio.Silence(0.14), TestAudio.Tone(0.5), TestAudio.Silence(1));

        var changes = Run(audio);

        Assert.Equal([VoiceActivityChange.SpeechStarted, VoiceActivityChange.SpeechEnded], changes.Select(c => c.Activity.Change));
        Assert.InRange(changes[1].Activity.LastSpeech, TimeSpan.FromSeconds(2.14), TimeSpan.FromSeconds(2.16));
    }

    [Fact]
    public void PauseLongerThanTheHangover_EndsOneStretchAndStartsAnother()
    {
        var audio = TestAudio.Concat(TestAudio.Silence(1), TestAudio.Tone(0.5), TestAudio.Silence(0.5), TestAudio.Tone(0.5), TestAudio.Silence(1));

        var changes = Run(audio);

        Assert.Equal(
            [VoiceActivityChange.SpeechStarted, VoiceActivityChange.SpeechEnded, VoiceActivityChange.SpeechStarted, VoiceActivityChange.SpeechEnded],
            changes.Select(c => c.Activity.Change));
        Assert.Equal(TimeSpan.FromSeconds(2.0), changes[2].Activity.SpeechStart);
    }

    [Fact]
    public void StationaryTelephoneNoise_For30Seconds_IsNeverSpeech()
    {
        Assert.Empty(Run(TestAudio.TelephoneNoise(30, rms: 800)));
    }

    [Fact]
    public void SpeechLikeSignal_In10DbNoise_IsFoundWithin100MsOfItsBoundaries()
    {
        var speech = TestAudio.SpeechLike(1.6);
        var noiseRms = TestAudio.Rms(speech) / Math.Pow(10, 10 / 20.0);
        var clean = TestAudio.Concat(TestAudio.Silence(2), speech, TestAudio.Silence(2));
        var audio = TestAudio.Mix(clean, TestAudio.TelephoneNoise(5.6, noiseRms));

        var changes = Run(audio);

        Assert.Equal([VoiceActivityChange.SpeechStarted, VoiceActivityChange.SpeechEnded], changes.Select(c => c.Activity.Change));
        Assert.InRange(changes[0].Activity.SpeechStart, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(2.1));
        Assert.InRange(changes[1].Activity.LastSpeech, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(3.7));
    }

    [Fact]
    public void NoiseSteppingUp_ReadsAsSpeechAtMostForTheNoiseWindow()
    {
        var audio = TestAudio.Concat(TestAudio.TelephoneNoise(5, rms: 100, seed: 1), TestAudio.TelephoneNoise(15, rms: 1500, seed: 2));

        var changes = Run(audio);

        // The louder noise is new, so it reads as speech until the quieter past leaves the floor's window; then never again.
        Assert.True(changes.Count <= 2, $"{changes.Count} changes");
        if (changes.Count == 2)
        {
            var window = EnergyVoiceActivityDetector.NoiseWindowFrames * Frame;
            var hangover = EnergyVoiceActivityDetector.HangoverFrames * Frame;
            Assert.True(changes[1].ReportedAt <= TimeSpan.FromSeconds(5) + window + (2 * EnergyVoiceActivityDetector.NoiseBlockFrames * Frame) + hangover);
        }
    }

    [Fact]
    public void HalfFrames_GiveTheSameAnswersAsWholeFrames()
    {
        var audio = TestAudio.Concat(TestAudio.Silence(1), TestAudio.SpeechLike(1.2), TestAudio.Silence(1), TestAudio.Tone(0.3), TestAudio.Silence(1));

        var whole = Run(audio, 160).Select(c => (c.Activity.Change, c.Activity.SpeechStart, c.Activity.LastSpeech, c.ReportedAt)).ToList();
        var halves = Run(audio, 80).Select(c => (c.Activity.Change, c.Activity.SpeechStart, c.Activity.LastSpeech, c.ReportedAt)).ToList();
        var odd = Run(audio, 37).Select(c => (c.Activity.Change, c.Activity.SpeechStart, c.Activity.LastSpeech)).ToList();

        Assert.NotEmpty(whole);
        Assert.Equal(whole, halves);
        Assert.Equal(whole.Select(c => (c.Change, c.SpeechStart, c.LastSpeech)), odd);
    }

    [Fact]
    public void MoreThanOneFrameAtOnce_IsRefused()
    {
        var detector = new EnergyVoiceActivityDetector();

        Assert.Throws<ArgumentException>(() => detector.Process(new short[161]));
    }

    [Fact]
    public void Reset_ForgetsSpeechAndPosition()
    {
        var detector = new EnergyVoiceActivityDetector();
        var tone = TestAudio.Concat(TestAudio.Silence(0.5), TestAudio.Tone(0.5));
        for (var i = 0; i < tone.Length; i += 160) detector.Process(tone.AsSpan(i, 160));

        detector.Reset();
        var after = detector.Process(new short[160]);

        Assert.False(after.InSpeech);
        Assert.Equal(TimeSpan.FromMilliseconds(20), after.Position);
        Assert.Equal(TimeSpan.Zero, after.SpeechStart);
    }

    [Fact]
    public void Process_DoesNotAllocate()
    {
        var detector = new EnergyVoiceActivityDetector();
        var audio = TestAudio.Concat(TestAudio.Silence(1), TestAudio.SpeechLike(2), TestAudio.Silence(1));
        for (var i = 0; i < 1600; i += 160) detector.Process(audio.AsSpan(i, 160)); // warm up

        SteadyStateAllocation.AssertNone(() =>
        {
            for (var i = 1600; i + 160 <= audio.Length; i += 160) detector.Process(audio.AsSpan(i, 160));
        });
    }

    [Fact]
    public void Factory_MakesIndependentDetectors()
    {
        var factory = new EnergyVoiceActivityDetectorFactory();
        var a = factory.Create();
        var b = factory.Create();
        a.Process(new short[160]);

        Assert.NotSame(a, b);
        Assert.Equal(TimeSpan.Zero, b.Process([]).Position);
    }
}
