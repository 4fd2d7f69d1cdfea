namespace CleanAgent.Infrastructure.Voice;

/// <summary>
/// A deadline for each read of a provider stream, restarted before every read without allocating a new token
/// source each time. Linked to the caller's token, so either cancels the read.
/// </summary>
internal sealed class ReadTimeout : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly TimeProvider _time;
    private readonly CancellationToken _caller;
    private CancellationTokenSource _timer;
    private CancellationTokenSource _linked;

    public ReadTimeout(TimeSpan limit, TimeProvider time, CancellationToken caller)
    {
        _limit = limit;
        _time = time;
        _caller = caller;
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(caller, _timer.Token);
    }

    /// <summary>Arms the deadline for the next read and returns its token.</summary>
    public CancellationToken Restart()
    {
        if (!_timer.TryReset())
        {
            // It fired (or was cancelled): a fired source cannot be reused, so start afresh.
            _linked.Dispose();
            _timer.Dispose();
            _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(_caller, _timer.Token);
        }

        _timer.CancelAfter(_limit);
        return _linked.Token;
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
