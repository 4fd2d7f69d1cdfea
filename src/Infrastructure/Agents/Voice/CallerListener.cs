using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// Turns the detector's frame-by-frame verdicts into what the conversation needs: the caller began to speak, has now
/// spoken long enough to count as a barge-in (<see cref="VoiceTurnSettings.MinInterruption"/> of continuous speech),
/// or has finished their turn (<see cref="VoiceTurnSettings.EndpointingDelay"/> of silence after the last speech, or a
/// streaming provider's end-of-speech hint once the detector hears silence). Time is the caller's audio itself (the
/// detector's offsets), so endpointing is exact to the frame and needs no clock. Not thread-safe: the call's reader
/// feeds it. Does not allocate per frame.
/// </summary>
internal sealed class CallerListener(IVoiceActivityDetector detector, VoiceTurnSettings turn)
{
    private bool _turnPending;
    private bool _longReported;
    private bool _turnHadLongSpeech;
    private TimeSpan _turnStart;
    private TimeSpan _segmentStart;
    private TimeSpan _lastSpeech;

    /// <summary>Caller audio heard so far.</summary>
    public TimeSpan Position { get; private set; }

    /// <summary>The detector hears speech now.</summary>
    public bool InSpeech { get; private set; }

    /// <remarks>
    /// Speech is measured from its onset to the end of the last frame heard as speech, not to the current frame: the
    /// detector's hangover keeps it "in speech" for a while after a burst, and that tail is no speech at all.
    /// </remarks>
    /// <summary>Feeds the next caller audio; longer pieces than a frame are fed a frame at a time (the first event wins).</summary>
    public CallerSpeech Hear(ReadOnlySpan<short> pcm)
    {
        var result = CallerSpeech.None;
        while (pcm.Length > 0)
        {
            var frame = pcm.Length > TelephonyAudio.FrameSamples ? pcm[..TelephonyAudio.FrameSamples] : pcm;
            pcm = pcm[frame.Length..];
            var heard = HearFrame(frame);
            if (result.Kind == CallerSpeechKind.None) result = heard;
        }

        return result;
    }

    /// <summary>A streaming provider thinks the caller has finished: the turn ends now if the detector hears silence too.</summary>
    public CallerSpeech EndOfSpeechHinted() =>
        _turnPending && !InSpeech ? EndTurn() : CallerSpeech.None;

    private CallerSpeech HearFrame(ReadOnlySpan<short> frame)
    {
        var activity = detector.Process(frame);
        Position = activity.Position;
        InSpeech = activity.InSpeech;

        if (activity.Change == VoiceActivityChange.SpeechStarted)
        {
            _segmentStart = activity.SpeechStart;
            _longReported = false;
            if (!_turnPending)
            {
                _turnPending = true;
                _turnStart = activity.SpeechStart;
                _turnHadLongSpeech = false;
            }

            return new CallerSpeech(CallerSpeechKind.SpeechStarted, _turnStart, activity.SpeechStart, false);
        }

        if (activity.InSpeech)
        {
            _lastSpeech = activity.LastSpeech;
            if (!_longReported && _lastSpeech - _segmentStart >= turn.MinInterruption)
            {
                _longReported = true;
                _turnHadLongSpeech = true;
                return new CallerSpeech(CallerSpeechKind.LongSpeech, _turnStart, _lastSpeech, true);
            }

            return CallerSpeech.None;
        }

        if (activity.Change == VoiceActivityChange.SpeechEnded) _lastSpeech = activity.LastSpeech;
        if (_turnPending && activity.Position >= _lastSpeech + turn.EndpointingDelay) return EndTurn();
        return CallerSpeech.None;
    }

    private CallerSpeech EndTurn()
    {
        _turnPending = false;
        return new CallerSpeech(CallerSpeechKind.TurnEnded, _turnStart, _lastSpeech, _turnHadLongSpeech);
    }
}
