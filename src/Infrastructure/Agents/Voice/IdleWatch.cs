namespace CleanAgent.Infrastructure.Agents.Voice;

/// <summary>
/// Watches for a silent line (voice-pipeline.md, "Idle"): armed when nobody is speaking (the agent has finished and
/// the caller is quiet), disarmed when someone speaks. After the timeout of silence it reports
/// <see cref="IdleStage.AskIfStillThere"/>; if the silence goes on for the timeout again (the question has played and
/// the watch was armed anew) it reports <see cref="IdleStage.GiveUp"/>. Caller speech starts it over. Runs on the
/// given clock, so tests advance time instead of sleeping; one timer per call, re-armed without allocating.
/// </summary>
internal sealed class IdleWatch : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _timeout;
    private readonly Action<IdleStage> _onIdle;
    private readonly ITimer _timer;
    private bool _asked;
    private bool _armed;

    public IdleWatch(TimeProvider time, TimeSpan timeout, Action<IdleStage> onIdle)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _onIdle = onIdle;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Silence begins now: the timeout counts from here.</summary>
    public void Arm()
    {
        lock (_gate)
        {
            _armed = true;
            _timer.Change(_timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Someone is speaking (or the agent is about to): no silence is counted.</summary>
    public void Disarm()
    {
        lock (_gate)
        {
            if (!_armed) return;
            _armed = false;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The caller spoke: the next silence gets the question again.</summary>
    public void CallerSpoke()
    {
        lock (_gate) _asked = false;
        Disarm();
    }

    public void Dispose() => _timer.Dispose();

    private void Fire()
    {
        IdleStage stage;
        lock (_gate)
        {
            if (!_armed) return; // disarmed while the callback was on its way
            _armed = false;
            stage = _asked ? IdleStage.GiveUp : IdleStage.AskIfStillThere;
            _asked = true;
        }

        _onIdle(stage);
    }
}
