using CleanAgent.Application.Calls;
using CleanAgent.Application.Voice.Conversation;

namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// What the caller has heard of one agent turn. The turn is spoken sentence by sentence, each followed by a mark;
/// a mark's echo says its sentence finished playing. The sentence playing now started when the one before it finished
/// (or when its own audio was queued, if that came later), and plays at real time, so at any moment the heard part is
/// the sentences echoed plus the elapsed share of the current one (<see cref="HeardReply"/> turns that into words).
/// Times are offsets from the start of the call. Thread-safe: the turn adds sentences, the call's reader reports echoes.
/// </summary>
internal sealed class AgentTurnPlayback
{
    private readonly Lock _gate = new();
    private readonly List<Sentence> _sentences = [];
    private readonly string _markPrefix;
    private readonly TaskCompletionSource _allPlayed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TimeSpan _lastEchoAt;
    private int _played;
    private bool _sealed;

    /// <param name="markPrefix">Unique per turn, so a late echo of an earlier turn's mark is not taken for this one's.</param>
    /// <param name="startedAt">When the turn began (nothing of it can have played before).</param>
    public AgentTurnPlayback(string markPrefix, TimeSpan startedAt)
    {
        _markPrefix = markPrefix;
        _lastEchoAt = startedAt;
    }

    /// <summary>Completes when the turn is sealed and every sentence of it has played.</summary>
    public Task AllPlayed => _allPlayed.Task;

    /// <summary>Sentences whose audio has been queued (or is being queued).</summary>
    public int SentenceCount
    {
        get
        {
            lock (_gate) return _sentences.Count;
        }
    }

    /// <summary>Audio queued and not yet heard: the agent is speaking.</summary>
    public bool IsPlaying
    {
        get
        {
            lock (_gate) return _played < _sentences.Count;
        }
    }

    /// <summary>Audio queued so far, all sentences.</summary>
    public TimeSpan QueuedAudio
    {
        get
        {
            lock (_gate) return Duration(_sentences.Sum(s => s.Samples));
        }
    }

    /// <summary>The whole turn's text, as queued.</summary>
    public string Text
    {
        get
        {
            lock (_gate) return string.Join(' ', _sentences.Select(s => s.Text));
        }
    }

    /// <summary>A sentence's first audio is about to be queued at <paramref name="now"/>; returns its mark's name.</summary>
    public string StartSentence(string text, TimeSpan now)
    {
        lock (_gate)
        {
            var mark = $"{_markPrefix}-{_sentences.Count + 1}";
            _sentences.Add(new Sentence(text, mark, now));
            return mark;
        }
    }

    /// <summary>More audio of the sentence being queued.</summary>
    public void AddAudio(int samples)
    {
        lock (_gate) _sentences[^1].Samples += samples;
    }

    /// <summary>No more sentences will come: <see cref="AllPlayed"/> completes once the queued ones have played.</summary>
    public void Seal()
    {
        lock (_gate)
        {
            _sealed = true;
            if (_played == _sentences.Count) _allPlayed.TrySetResult();
        }
    }

    /// <summary>A mark came back; true when it was one of this turn's.</summary>
    public bool OnMarkPlayed(string name, TimeSpan now)
    {
        lock (_gate)
        {
            var index = _sentences.FindIndex(s => s.Mark == name);
            if (index < 0) return false;
            for (var i = _played; i <= index; i++) _sentences[i].Played = true;
            if (index + 1 > _played)
            {
                _played = index + 1;
                _lastEchoAt = now;
            }

            if (_sealed && _played == _sentences.Count) _allPlayed.TrySetResult();
            return true;
        }
    }

    /// <summary>
    /// The caller cut in at <paramref name="now"/>: what was heard (whole sentences echoed, the words of the current
    /// sentence that fit in its elapsed share) and what was not (from the cut sentence on, whole, to resume with).
    /// </summary>
    public (string Heard, string Unheard) CutAt(TimeSpan now)
    {
        lock (_gate)
        {
            var texts = _sentences.Select(s => s.Text).ToList();
            if (_played >= _sentences.Count) return (string.Join(' ', texts), string.Empty);

            var current = _sentences[_played];
            var started = current.QueuedAt > _lastEchoAt ? current.QueuedAt : _lastEchoAt;
            var elapsed = now - started;
            var heard = HeardReply.FromSentences(texts, _played, elapsed, Duration(current.Samples));
            return (heard, string.Join(' ', texts.Skip(_played)));
        }
    }

    private static TimeSpan Duration(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / TelephonyAudio.SampleRate);

    private sealed class Sentence(string text, string mark, TimeSpan queuedAt)
    {
        public string Text { get; } = text;
        public string Mark { get; } = mark;
        public TimeSpan QueuedAt { get; } = queuedAt;
        public long Samples { get; set; }
        public bool Played { get; set; }
    }
}
