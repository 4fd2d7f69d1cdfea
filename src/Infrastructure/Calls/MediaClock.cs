using System.Diagnostics;
using CleanAgent.Application.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// One clock for every call's outbound audio: each 20 ms tick it gives every live call (<see cref="IPacedStream"/>) a
/// moment to send what is due. One thread of its own instead of a timer, a task and a delay per frame per call: the
/// audio keeps its pace when the thread pool is busy (admission, database), and the server does no work per call
/// between ticks. With no call up it sleeps until one starts.
/// </summary>
/// <remarks>
/// On <see cref="TimeProvider.System"/> the ticks come from a dedicated thread. On any other clock (a test's
/// <c>FakeTimeProvider</c>) they come from that clock's timer, so advancing the fake clock plays the audio.
/// On Linux the thread asks for a higher priority (a nice value of its own, <c>Media:ClockNice</c>), as media servers'
/// timing threads do: when the cores are busy (a burst of calls arriving) the scheduler lets the tick run first, so
/// the calls whose caller frames are late still get their audio on time. The thread's work is small and bounded
/// (16 ms a second at 600 calls), so it cannot starve anything.
/// </remarks>
public sealed class MediaClock : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _callsPresent = new(false);
    private readonly ITimer? _timer;
    private readonly Thread? _thread;
    private readonly int _nice;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource<bool> _priorityRaised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IPacedStream[] _streams = [];
    private volatile bool _disposed;

    /// <param name="nice">The clock thread's nice value on Linux (-20 to 0); 0 leaves its priority alone.</param>
    public MediaClock(TimeProvider time, int nice = 0, ILogger<MediaClock>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nice, -20);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nice, 0);
        _time = time;
        _nice = nice;
        _logger = logger ?? NullLogger<MediaClock>.Instance;
        if (ReferenceEquals(time, TimeProvider.System))
        {
            _thread = new Thread(RunTicks) { IsBackground = true, Name = "CleanAgent media clock", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
        else
        {
            _priorityRaised.TrySetResult(false);
            _timer = time.CreateTimer(_ => Tick(), null, TelephonyAudio.FrameDuration, TelephonyAudio.FrameDuration);
        }
    }

    /// <summary>Completes as the clock's thread starts: true when it runs at the nice value asked for.</summary>
    public Task<bool> PriorityRaised => _priorityRaised.Task;

    public long TimestampFrequency => _time.TimestampFrequency;

    public long Now => _time.GetTimestamp();

    /// <summary>Calls the clock is pumping.</summary>
    public int Count => Volatile.Read(ref _streams).Length;

    public void Register(IPacedStream stream)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_streams, stream) >= 0) return;
            _streams = [.. _streams, stream];
            _callsPresent.Set();
        }
    }

    public void Unregister(IPacedStream stream)
    {
        lock (_gate)
        {
            var at = Array.IndexOf(_streams, stream);
            if (at < 0) return;
            var remaining = new IPacedStream[_streams.Length - 1];
            Array.Copy(_streams, 0, remaining, 0, at);
            Array.Copy(_streams, at + 1, remaining, at, _streams.Length - at - 1);
            _streams = remaining;
            if (remaining.Length == 0) _callsPresent.Reset();
        }
    }

    /// <summary>One tick: every call sends what is due now. The clock's thread (or timer) calls it every 20 ms.</summary>
    public void Tick()
    {
        var now = _time.GetTimestamp();
        foreach (var stream in Volatile.Read(ref _streams)) stream.Pump(now);
    }

    public void Dispose()
    {
        _disposed = true;
        _callsPresent.Set();
        _timer?.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(1));
        _callsPresent.Dispose();
    }

    /// <summary>On the clock's thread: its nice value, where the system allows it (it says so once in the log if not).</summary>
    private void RaisePriority()
    {
        if (_nice == 0 || !OperatingSystem.IsLinux())
        {
            _priorityRaised.TrySetResult(false);
            return;
        }

        var error = ThreadNice.TrySet(_nice);
        if (error == 0)
        {
            _logger.LogInformation("The media clock's thread runs at nice {Nice}.", _nice);
        }
        else
        {
            _logger.LogWarning(
                "The media clock's thread runs at normal priority: the system refused nice {Nice} (errno {Error}). Under load, " +
                "calls' audio may then wait for busy cores; allow it with CAP_SYS_NICE or LimitNICE=, or set Media:ClockNice=0.",
                _nice, error);
        }

        _priorityRaised.TrySetResult(error == 0);
    }

    /// <summary>Ticks on an absolute schedule (a late tick does not push the later ones back); idle without calls.</summary>
    private void RunTicks()
    {
        RaisePriority();
        var interval = (long)(TelephonyAudio.FrameDuration.TotalSeconds * Stopwatch.Frequency);
        var next = Stopwatch.GetTimestamp();
        while (!_disposed)
        {
            if (Count == 0)
            {
                _callsPresent.Wait();
                next = Stopwatch.GetTimestamp();
                continue;
            }

            Tick();
            next += interval;
            var now = Stopwatch.GetTimestamp();
            if (now - next > interval) next = now; // far behind (a paused process): resume the rhythm from now
            var sleep = (next - now) * 1000 / Stopwatch.Frequency;
            if (sleep > 0) Thread.Sleep((int)sleep);
        }
    }
}
