using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// The graceful stop of a server that carries calls. From the stop's first moment (SIGTERM, Ctrl+C, a Windows service
/// stop) the server is draining: not ready, and new calls are turned away (<see cref="TryEnter"/> gives no lease); the
/// calls in progress run to their end for up to <see cref="DrainOptions.DrainTimeout"/>, then <see cref="Deadline"/>
/// ends those still up (<c>server_shutdown</c>, hung up at the provider). The host stops its web server only after
/// that (a lifecycle service's <see cref="StoppingAsync"/> runs before any service stops), so the turned-away calls
/// still get a close code rather than a refused connection.
/// </summary>
public sealed partial class CallDrain(IOptions<DrainOptions> options, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<CallDrain> logger)
    : IHostedLifecycleService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _deadline = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _stopping;
    private int _active;
    private bool _draining;
    private bool _disposed;

    public bool IsDraining
    {
        get
        {
            lock (_gate) return _draining;
        }
    }

    public int ActiveCalls
    {
        get
        {
            lock (_gate) return _active;
        }
    }

    /// <summary>When the drain gives up on the calls still up; null until a stop has begun waiting for them.</summary>
    public DateTimeOffset? DrainEndsAt { get; private set; }

    /// <summary>Cancelled when the drain is over: the calls still up end now.</summary>
    public CancellationToken Deadline => _deadline.Token;

    /// <summary>A lease for one call, to dispose when it has ended; null while draining (turn the call away).</summary>
    public IDisposable? TryEnter()
    {
        lock (_gate)
        {
            if (_draining) return null;
            _active++;
            return new Lease(this);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // The stop can begin with the lifetime's signal, before the host calls the stopping services: drain from then.
        _stopping = lifetime.ApplicationStopping.Register(BeginDraining);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_disposed) return;
        }

        BeginDraining();
        var timeout = options.Value.DrainTimeout;
        if (ActiveCalls > 0) LogDraining(logger, ActiveCalls, timeout.TotalSeconds);

        using var drainOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.Delay(timeout, clock, drainOver.Token);
        DrainEndsAt = clock.GetUtcNow() + timeout;
        var drained = await Task.WhenAny(_idle.Task, timer) == _idle.Task;
        await drainOver.CancelAsync();
        if (drained) return;

        LogEndingCalls(logger, ActiveCalls);
        await CancelDeadlineAsync();
        try
        {
            await _idle.Task.WaitAsync(DrainOptions.HangupAllowance, clock, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogCallsLeft(logger, ActiveCalls); // the orphan sweep of another node (or this one's next start) settles their runs
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whatever is still up when the host stops for good is ended now.</summary>
    public Task StoppedAsync(CancellationToken cancellationToken) => CancelDeadlineAsync();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }

        _stopping.Dispose();
        _deadline.Dispose();
    }

    /// <summary>
    /// Ends the calls still up. Under the gate, so that it never meets a disposed source: a host stopped twice (a
    /// test's host disposed again) or disposed while its stop is still finishing. Cancelling asynchronously runs the
    /// calls' callbacks off the gate.
    /// </summary>
    private Task CancelDeadlineAsync()
    {
        lock (_gate) return _disposed ? Task.CompletedTask : _deadline.CancelAsync();
    }

    private void BeginDraining()
    {
        lock (_gate)
        {
            _draining = true;
            if (_active == 0) _idle.TrySetResult();
        }
    }

    private void Leave()
    {
        lock (_gate)
        {
            _active--;
            if (_draining && _active == 0) _idle.TrySetResult();
        }
    }

    private sealed class Lease(CallDrain drain) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) drain.Leave();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Calls} call(s) in progress may run for up to {Seconds} s; new calls are turned away (1013)")]
    private static partial void LogDraining(ILogger logger, int calls, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Calls} call(s) that did not end in time")]
    private static partial void LogCallsLeft(ILogger logger, int calls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain timeout reached: ending {Calls} call(s) still up (server_shutdown)")]
    private static partial void LogEndingCalls(ILogger logger, int calls);
}
