using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Agents.Voice;
using CleanAgent.Infrastructure.Voice.Vad;

namespace CleanAgent.UnitTests.Voice.Agent;

/// <summary>Endpointing and the barge-in length, on the real detector fed synthetic tone bursts (caller-audio time, no clock).</summary>
public sealed class CallerListenerTests
{
    private static readonly VoiceTurnSettings Turn = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));

    private readonly CallerListener _listener = new(new EnergyVoiceActivityDetector(), Turn);
    private readonly List<(CallerSpeech Speech, TimeSpan At)> _heard = [];

    private void Feed(TimeSpan duration, bool speech)
    {
        var frame = new short[TelephonyAudio.FrameSamples];
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += TelephonyAudio.FrameDuration)
        {
            if (speech)
                for (var i = 0; i < frame.Length; i++) frame[i] = (short)(6000 * Math.Sin(2 * Math.PI * 300 * (_listener.Position.TotalSeconds + (i / (double)TelephonyAudio.SampleRate))));
            else Array.Clear(frame);
            var heard = _listener.Hear(frame);
            if (heard.Kind != CallerSpeechKind.None) _heard.Add((heard, _listener.Position));
        }
    }

    [Fact]
    public void ATurnEnds_TheEndpointingDelayAfterTheLastSpeech()
    {
        Feed(TimeSpan.FromSeconds(1), speech: false);
        Feed(TimeSpan.FromSeconds(1), speech: true);
        Feed(TimeSpan.FromSeconds(2), speech: false);

        Assert.Equal([CallerSpeechKind.SpeechStarted, CallerSpeechKind.LongSpeech, CallerSpeechKind.TurnEnded], _heard.Select(h => h.Speech.Kind));
        var (ended, at) = _heard[^1];
        Assert.InRange(ended.TurnStart.TotalMilliseconds, 900, 1100);
        Assert.InRange(ended.LastSpeech.TotalMilliseconds, 1900, 2100);
        Assert.InRange(at - (ended.LastSpeech + Turn.EndpointingDelay), TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
        Assert.True(ended.HadLongSpeech);
    }

    [Fact]
    public void APauseShorterThanTheDelay_KeepsOneTurn()
    {
        Feed(TimeSpan.FromSeconds(1), speech: false);
        Feed(TimeSpan.FromSeconds(1), speech: true);
        Feed(TimeSpan.FromMilliseconds(300), speech: false);
        Feed(TimeSpan.FromSeconds(1), speech: true);
        Feed(TimeSpan.FromSeconds(2), speech: false);

        var ended = Assert.Single(_heard, h => h.Speech.Kind == CallerSpeechKind.TurnEnded).Speech;
        Assert.InRange(ended.TurnStart.TotalMilliseconds, 900, 1100);
        Assert.InRange(ended.LastSpeech.TotalMilliseconds, 3200, 3400);
    }

    [Fact]
    public void ABurstShorterThanTheMinimumInterruption_IsNeverLongSpeech()
    {
        Feed(TimeSpan.FromSeconds(1), speech: false);
        Feed(TimeSpan.FromMilliseconds(160), speech: true);
        Feed(TimeSpan.FromSeconds(2), speech: false);

        Assert.DoesNotContain(_heard, h => h.Speech.Kind == CallerSpeechKind.LongSpeech);
        Assert.False(Assert.Single(_heard, h => h.Speech.Kind == CallerSpeechKind.TurnEnded).Speech.HadLongSpeech);
    }

    [Fact]
    public void LongSpeech_IsReported_OnceTheMinimumInterruptionHasBeenSpoken()
    {
        Feed(TimeSpan.FromSeconds(1), speech: false);
        Feed(TimeSpan.FromSeconds(1), speech: true);

        var (_, at) = Assert.Single(_heard, h => h.Speech.Kind == CallerSpeechKind.LongSpeech);
        Assert.InRange(at.TotalMilliseconds, 1000 + 300 - 20, 1000 + 300 + 60);
    }

    [Fact]
    public void AnEndOfSpeechHint_EndsTheTurnAtOnce_OnlyWhenTheDetectorHearsSilence()
    {
        Feed(TimeSpan.FromSeconds(1), speech: false);
        Feed(TimeSpan.FromSeconds(1), speech: true);
        Assert.Equal(CallerSpeechKind.None, _listener.EndOfSpeechHinted().Kind); // still speaking
        Feed(TimeSpan.FromMilliseconds(300), speech: false);

        Assert.Equal(CallerSpeechKind.TurnEnded, _listener.EndOfSpeechHinted().Kind);
        Assert.Equal(CallerSpeechKind.None, _listener.EndOfSpeechHinted().Kind); // once
    }
}
