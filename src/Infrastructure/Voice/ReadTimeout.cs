namespace CleanAgent.Infrastructure.Voice;

/// <summary>
/// A deadline for each read of a provider stream, armed before every read and disarmed after it, without allocating
/// per read. The caller's token cancels it too.
/// </summary>
/// <remarks>
/// Not built on <see cref="CancellationTokenSource.TryReset"/> plus a linked source: a reset drops the registrations
/// made on the old token, so the linked source would silently never fire again.
/// </remarks>
internal sealed class ReadTimeout : IDisposable
{
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationTokenRegistration _caller;

    public ReadTimeout(TimeSpan limit, TimeProvider time, CancellationToken caller)
    {
        _limit = limit;
        _deadline = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _caller = caller.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _deadline);
    }

    /// <summary>Arms the deadline for the next read and returns the token to read with.</summary>
    public CancellationToken Start()
    {
        _deadline.CancelAfter(_limit);
        return _deadline.Token;
    }

    /// <summary>The read is done: no deadline until the next <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (!_deadline.IsCancellationRequested) _deadline.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _caller.Dispose();
        _deadline.Dispose();
    }
}
