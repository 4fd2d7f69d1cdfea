using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice.Vad;

/// <summary>
/// Voice activity detection for 8 kHz telephone audio with no model and no service: the energy of each 20 ms frame
/// (after a high-pass that removes DC and mains hum) against a noise floor tracked by minimum statistics, with
/// hysteresis, a minimum speech length and a hangover.
/// </summary>
/// <remarks>
/// <para>
/// Hand-written because nothing served fits: no VAD package is on the feed, and the WebRTC VAD ports need native
/// libraries, Silero needs an ONNX model download. Energy over an adaptive floor is what telephone-grade VADs (G.729
/// annex B, WebRTC's before its GMM) start from; on a phone line the band is already limited to 300–3400 Hz.
/// </para>
/// <para>
/// Noise floor: the minimum frame energy over the last <see cref="NoiseWindowFrames"/> frames, kept as the minima of
/// <see cref="NoiseBlocks"/> blocks so that it costs a handful of comparisons per frame. Stationary noise is tracked
/// at once, from the first frame (its minimum sits about 2 dB under its mean); speech does not lift the floor
/// because speech has pauses between syllables and words. The price: when noise steps up, it reads as speech until
/// the quieter past leaves the window (at most <see cref="NoiseWindowFrames"/> × 20 ms).
/// </para>
/// <para>
/// Edges: speech rarely begins or ends at full strength (an "h", a plosive's burst, a fading "t"). Frames
/// <see cref="EdgeMarginDb"/> over the floor next to confirmed speech move its onset back (up to
/// <see cref="MaxOnsetLookBackFrames"/>) and its end forward, without starting speech on their own.
/// </para>
/// <para>
/// Decisions: a frame starts speech when it is <see cref="OnsetMarginDb"/> over the floor and continues it at
/// <see cref="ContinueMarginDb"/> (hysteresis, so a word's quieter tail does not end it); speech is confirmed after
/// <see cref="MinSpeechFrames"/> frames (a click is not speech), backdated to the first of them, and ends after
/// <see cref="HangoverFrames"/> frames below, dated at the end of the last speech frame. Hangover plus the agent's
/// endpointing delay run from that date, so the hangover must stay well under the endpointing delay.
/// </para>
/// <para><see cref="Process"/> does not allocate: it runs 50 times a second per call.</para>
/// </remarks>
public sealed class EnergyVoiceActivityDetector : IVoiceActivityDetector
{
    public const int FrameSamples = IVoiceActivityDetector.FrameSamples;
    public const int SampleRate = TelephonyAudio.SampleRate;

    /// <summary>Over the noise floor to start speech: stationary noise frames stay under it by a wide margin.</summary>
    public const float OnsetMarginDb = 9f;

    /// <summary>Over the noise floor to keep speech going.</summary>
    public const float ContinueMarginDb = 5f;

    /// <summary>
    /// Over the noise floor to count as the soft edge of speech: the breathy or plosive start of a word before its
    /// vowel, a fading final consonant. Only used next to confirmed speech (see <see cref="MaxOnsetLookBackFrames"/>),
    /// never to start it, because noise crosses it now and then.
    /// </summary>
    public const float EdgeMarginDb = 4f;

    /// <summary>How far back a confirmed onset may be moved over soft-edge frames: 300 ms.</summary>
    public const int MaxOnsetLookBackFrames = 15;

    /// <summary>Frame energy (dB of mean square, 16-bit units) below which nothing is speech: about −50 dBFS, RMS 100.</summary>
    public const float AbsoluteSpeechDb = 40f;

    /// <summary>60 ms: clicks and line pops are shorter.</summary>
    public const int MinSpeechFrames = 3;

    /// <summary>Non-speech frames tolerated inside the frames that confirm speech (a plosive's closure).</summary>
    public const int OnsetGapFrames = 1;

    /// <summary>200 ms: bridges the pauses between words, and leaves 300 ms of a 500 ms endpointing delay.</summary>
    public const int HangoverFrames = 10;

    public const int NoiseBlockFrames = 25;
    public const int NoiseBlocks = 8;
    public const int NoiseWindowFrames = NoiseBlockFrames * NoiseBlocks;

    /// <summary>One-pole high-pass at about 75 Hz: DC offset and hum carry energy but no speech.</summary>
    private const float HighPassPole = 0.94f;

    private const long TicksPerSample = TimeSpan.TicksPerSecond / SampleRate;

    private readonly short[] _frame = new short[FrameSamples];
    private readonly float[] _blockMinima = new float[NoiseBlocks];
    private int _frameFill;

    private float _previousInput;
    private float _previousOutput;

    private float _currentBlockMinimum;
    private int _currentBlockFrames;
    private int _nextBlock;

    private State _state;

    /// <summary>Bit i: whether the frame i frames back was a soft edge (over <see cref="EdgeMarginDb"/>).</summary>
    private ulong _edgeHistory;
    private bool _trailingEdge;
    private int _confirmFrames;
    private int _gapFrames;
    private int _quietFrames;
    private long _samples;
    private long _speechStartSample;
    private long _lastSpeechEndSample;

    public EnergyVoiceActivityDetector() => Reset();

    private enum State
    {
        Silence,
        Onset,
        Speech,
    }

    /// <summary>The energy of the last analysed frame and the floor it was judged against (for diagnostics and tests).</summary>
    public (float EnergyDb, float FloorDb) LastFrame { get; private set; }

    public VoiceActivity Process(ReadOnlySpan<short> pcm)
    {
        if (pcm.Length > FrameSamples)
            throw new ArgumentException($"Feed at most {FrameSamples} samples (20 ms) at a time; slice longer frames.", nameof(pcm));

        var change = VoiceActivityChange.None;
        var room = FrameSamples - _frameFill;
        if (pcm.Length < room)
        {
            pcm.CopyTo(_frame.AsSpan(_frameFill));
            _frameFill += pcm.Length;
        }
        else
        {
            pcm[..room].CopyTo(_frame.AsSpan(_frameFill));
            change = Analyse(_frame, _samples + room);
            var rest = pcm[room..];
            rest.CopyTo(_frame);
            _frameFill = rest.Length;
        }

        _samples += pcm.Length;
        return new VoiceActivity(change, _state == State.Speech, ToTime(_speechStartSample), ToTime(_lastSpeechEndSample), ToTime(_samples));
    }

    public void Reset()
    {
        _frameFill = 0;
        _previousInput = 0;
        _previousOutput = 0;
        Array.Fill(_blockMinima, float.PositiveInfinity);
        _currentBlockMinimum = float.PositiveInfinity;
        _currentBlockFrames = 0;
        _nextBlock = 0;
        _state = State.Silence;
        _edgeHistory = 0;
        _trailingEdge = false;
        _confirmFrames = 0;
        _gapFrames = 0;
        _quietFrames = 0;
        _samples = 0;
        _speechStartSample = 0;
        _lastSpeechEndSample = 0;
        LastFrame = default;
    }

    /// <param name="frameEndSample">Stream position just after this frame's last sample.</param>
    private VoiceActivityChange Analyse(ReadOnlySpan<short> frame, long frameEndSample)
    {
        var energyDb = FrameEnergyDb(frame);
        var floorDb = TrackNoiseFloor(energyDb);
        LastFrame = (energyDb, floorDb);

        var margin = _state == State.Speech ? ContinueMarginDb : OnsetMarginDb;
        var audible = energyDb >= AbsoluteSpeechDb;
        var speechLike = audible && energyDb >= floorDb + margin;
        var edge = audible && energyDb >= floorDb + EdgeMarginDb;
        var frameStartSample = frameEndSample - FrameSamples;
        var earlierEdges = _edgeHistory;
        _edgeHistory = (_edgeHistory << 1) | (edge ? 1UL : 0UL);

        switch (_state)
        {
            case State.Silence when speechLike:
                _state = State.Onset;
                // Speech rarely starts at full strength: move the onset back over the soft frames just before it.
                var lookBack = 0;
                while (lookBack < MaxOnsetLookBackFrames && (earlierEdges & (1UL << lookBack)) != 0) lookBack++;
                _speechStartSample = Math.Max(0, frameStartSample - (lookBack * FrameSamples));
                _confirmFrames = 1;
                _gapFrames = 0;
                return ConfirmIfLongEnough(frameEndSample);

            case State.Onset when speechLike:
                _confirmFrames++;
                _gapFrames = 0;
                return ConfirmIfLongEnough(frameEndSample);

            case State.Onset:
                if (++_gapFrames > OnsetGapFrames) _state = State.Silence;
                return VoiceActivityChange.None;

            case State.Speech when speechLike:
                _lastSpeechEndSample = frameEndSample;
                _quietFrames = 0;
                _trailingEdge = true;
                return VoiceActivityChange.None;

            case State.Speech:
                // A soft tail straight after speech still dates the end of it, but does not hold the hangover off.
                _trailingEdge &= edge;
                if (_trailingEdge) _lastSpeechEndSample = frameEndSample;
                if (++_quietFrames < HangoverFrames) return VoiceActivityChange.None;
                _state = State.Silence;
                return VoiceActivityChange.SpeechEnded;

            default:
                return VoiceActivityChange.None;
        }
    }

    private VoiceActivityChange ConfirmIfLongEnough(long frameEndSample)
    {
        _lastSpeechEndSample = frameEndSample;
        if (_confirmFrames < MinSpeechFrames) return VoiceActivityChange.None;
        _state = State.Speech;
        _quietFrames = 0;
        _trailingEdge = true;
        return VoiceActivityChange.SpeechStarted;
    }

    private float FrameEnergyDb(ReadOnlySpan<short> frame)
    {
        var x1 = _previousInput;
        var y1 = _previousOutput;
        var sum = 0f;
        for (var i = 0; i < frame.Length; i++)
        {
            float x = frame[i];
            var y = x - x1 + (HighPassPole * y1);
            x1 = x;
            y1 = y;
            sum += y * y;
        }

        _previousInput = x1;
        _previousOutput = y1;
        return 10f * MathF.Log10((sum / frame.Length) + 1f);
    }

    /// <summary>Adds the frame to the minimum statistics and returns the floor: the least energy of the window, this frame included.</summary>
    private float TrackNoiseFloor(float energyDb)
    {
        if (energyDb < _currentBlockMinimum) _currentBlockMinimum = energyDb;
        var floor = _currentBlockMinimum;
        foreach (var minimum in _blockMinima)
        {
            if (minimum < floor) floor = minimum;
        }

        if (++_currentBlockFrames == NoiseBlockFrames)
        {
            _blockMinima[_nextBlock] = _currentBlockMinimum;
            _nextBlock = (_nextBlock + 1) % NoiseBlocks;
            _currentBlockMinimum = float.PositiveInfinity;
            _currentBlockFrames = 0;
        }

        return floor;
    }

    private static TimeSpan ToTime(long samples) => new(samples * TicksPerSample);
}
