namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// One agent turn in flight: what it answers, its cancellation (a barge-in or the end of the call), the playback of
/// what it is saying now, and — once the caller cut in — what of it was heard. The turn's own task writes it; the
/// call's reader reads <see cref="Talking"/>/<see cref="Interruptible"/> and cuts it, under the agent's lock.
/// </summary>
internal sealed class VoiceTurn(VoiceTurnRequest request, CancellationTokenSource cancellation)
{
    public VoiceTurnRequest Request { get; } = request;

    public CancellationTokenSource Cancellation { get; } = cancellation;

    public CancellationToken Token { get; } = cancellation.Token;

    public Task Task { get; set; } = Task.CompletedTask;

    public TurnTiming? Timing { get; set; }

    public bool LatencyRecorded { get; set; }

    /// <summary>"One moment, please." lines played while this turn waited for a provider.</summary>
    public int Fillers { get; set; }

    /// <summary>Until when (from the start of the call) the caller has something to hear of this turn's fillers.</summary>
    public TimeSpan AudioUntil { get; set; }

    private volatile bool _talking;
    private volatile bool _interruptible;

    /// <summary>Past listening (the caller's words are in): from here the agent is thinking or speaking.</summary>
    public bool Talking
    {
        get => _talking;
        set => _talking = value;
    }

    /// <summary>Caller speech may cut this turn short (the node's <c>allow_interrupt</c>).</summary>
    public bool Interruptible
    {
        get => _interruptible;
        set => _interruptible = value;
    }

    /// <summary>What the agent is saying now, and when it began.</summary>
    public AgentTurnPlayback? Playback { get; private set; }

    public TimeSpan PlaybackStart { get; private set; }

    private readonly List<AgentTurnPlayback> _playbacks = [];
    private readonly Lock _gate = new();

    public bool Interrupted { get; private set; }

    public TimeSpan InterruptedAt { get; private set; }

    public string Heard { get; private set; } = string.Empty;

    public string Unheard { get; private set; } = string.Empty;

    public AgentTurnPlayback StartPlayback(string markPrefix, TimeSpan now)
    {
        var playback = new AgentTurnPlayback(markPrefix, now);
        lock (_gate)
        {
            _playbacks.Add(playback);
            Playback = playback;
            PlaybackStart = now;
        }

        return playback;
    }

    public void OnMarkPlayed(string name, TimeSpan now)
    {
        lock (_gate)
        {
            foreach (var playback in _playbacks)
                if (playback.OnMarkPlayed(name, now)) return;
        }
    }

    /// <summary>The caller cut in at <paramref name="now"/>: keep what was heard; later echoes (the provider's answer to the clear) change nothing.</summary>
    public void Cut(TimeSpan now)
    {
        lock (_gate)
        {
            Interrupted = true;
            InterruptedAt = now;
            if (Playback is { } playback) (Heard, Unheard) = playback.CutAt(now);
            _playbacks.Clear();
        }
    }
}
