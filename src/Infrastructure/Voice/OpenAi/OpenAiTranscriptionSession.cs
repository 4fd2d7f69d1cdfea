using System.Threading.Channels;
using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice;

namespace CleanAgent.Infrastructure.Voice.OpenAi;

/// <summary>
/// One call's per-turn transcription: the caller's audio goes into a bounded ring (the last
/// <see cref="MaxUtteranceSeconds"/> s), and each finished turn is sent from a little before its onset as one WAV.
/// A per-turn provider hears nothing while the caller speaks, so <see cref="Events"/> only ever completes.
/// </summary>
internal sealed class OpenAiTranscriptionSession : ISpeechToTextSession
{
    /// <summary>Longer turns keep their last 30 s: Whisper's own window, and 480 KB per call at most.</summary>
    public const int MaxUtteranceSeconds = 30;

    /// <summary>Audio kept before the detector's onset: its confirmation backdates by frames, and a soft first consonant starts earlier.</summary>
    public static readonly TimeSpan PreRoll = TimeSpan.FromMilliseconds(300);

    private const int SampleRate = TelephonyAudio.SampleRate;
    private const int MaxSamples = MaxUtteranceSeconds * SampleRate;
    private const int InitialSamples = 4 * SampleRate;

    private readonly OpenAiTranscription _transcription;
    private readonly SpeechToTextSettings _settings;
    private readonly IReadOnlyList<string> _keyterms;
    private readonly Channel<SpeechToTextEvent> _events = Channel.CreateBounded<SpeechToTextEvent>(1);
    private readonly Lock _gate = new();

    private short[] _ring = new short[InitialSamples];
    private int _head;
    private int _count;
    private long _received;
    private long _billedSamples;
    private short[]? _untranscribed;

    public OpenAiTranscriptionSession(OpenAiTranscription transcription, SpeechToTextSettings settings, IReadOnlyList<string> keyterms)
    {
        _transcription = transcription;
        _settings = settings;
        _keyterms = keyterms;
    }

    public ChannelReader<SpeechToTextEvent> Events => _events.Reader;

    public SpeechToTextUsage Usage
    {
        get
        {
            lock (_gate) return new SpeechToTextUsage(SpeechToTextProvider.OpenAi, _settings.Model, ToTime(_billedSamples));
        }
    }

    /// <summary>Audio held for the current turn (for tests: it is bounded).</summary>
    internal int BufferedSamples
    {
        get
        {
            lock (_gate) return _count;
        }
    }

    public void SendAudio(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            if (_count + pcm.Length > _ring.Length && _ring.Length < MaxSamples) Grow(Math.Min(MaxSamples, Math.Max(_ring.Length * 2, _count + pcm.Length)));
            // More than the whole ring at once: only its end can be kept.
            if (pcm.Length > _ring.Length) pcm = pcm[^_ring.Length..];

            foreach (var sample in pcm)
            {
                var tail = (_head + _count) % _ring.Length;
                _ring[tail] = sample;
                if (_count < _ring.Length) _count++;
                else _head = (_head + 1) % _ring.Length;
            }

            _received += pcm.Length;
        }
    }

    /// <remarks>
    /// A turn whose transcription failed is kept and sent again, ahead of any audio since, by the next call: the agent's
    /// retry must hear what the caller said, not the silence after it.
    /// </remarks>
    public async Task<ProviderResult<Transcript>> FinishUtteranceAsync(TimeSpan utteranceStart, CancellationToken cancellationToken)
    {
        var utterance = TakeUtterance(utteranceStart);
        lock (_gate)
        {
            if (_untranscribed is { } earlier)
            {
                utterance = [.. earlier, .. utterance];
                if (utterance.Length > MaxSamples) utterance = utterance[^MaxSamples..];
                _untranscribed = null;
            }
        }

        if (utterance.Length == 0) return new Transcript(string.Empty, TimeSpan.Zero);

        lock (_gate) _billedSamples += utterance.Length;
        var text = await _transcription.TranscribeAsync(_settings, utterance, _keyterms, cancellationToken);
        if (text.IsSuccess) return new Transcript(text.Value, ToTime(utterance.Length));
        lock (_gate) _untranscribed = utterance;
        return text.Error!;
    }

    public ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Copies out the turn (from the pre-roll before its onset to now) and empties the ring for the next one.</summary>
    private short[] TakeUtterance(TimeSpan utteranceStart)
    {
        lock (_gate)
        {
            var oldestHeld = _received - _count;
            var from = Math.Max(oldestHeld, Math.Max(0, ToSamples(utteranceStart - PreRoll)));
            var length = (int)Math.Max(0, _received - from);
            var utterance = new short[length];
            var skip = (int)(from - oldestHeld);
            for (var i = 0; i < length; i++)
                utterance[i] = _ring[(_head + skip + i) % _ring.Length];

            _head = 0;
            _count = 0;
            return utterance;
        }
    }

    private void Grow(int capacity)
    {
        var larger = new short[capacity];
        for (var i = 0; i < _count; i++)
            larger[i] = _ring[(_head + i) % _ring.Length];
        _ring = larger;
        _head = 0;
    }

    private static long ToSamples(TimeSpan time) => time <= TimeSpan.Zero ? 0 : time.Ticks * SampleRate / TimeSpan.TicksPerSecond;

    private static TimeSpan ToTime(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);
}
