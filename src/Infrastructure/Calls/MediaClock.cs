using System.Diagnostics;
using CleanAgent.Application.Calls;

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
/// </remarks>
public sealed class MediaClock : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _callsPresent = new(false);
    private readonly ITimer? _timer;
    private readonly Thread? _thread;
    private IPacedStream[] _streams = [];
    private volatile bool _disposed;

    public MediaClock(TimeProvider time)
    {
        _time = time;
        if (ReferenceEquals(time, TimeProvider.System))
        {
            _thread = new Thread(RunTicks) { IsBackground = true, Name = "CleanAgent media clock", Priority = ThreadPriority.AboveNormal };
            _thread.Start();
        }
        else
        {
            _timer = time.CreateTimer(_ => Tick(), null, TelephonyAudio.FrameDuration, TelephonyAudio.FrameDuration);
        }
    }

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

    /// <summary>Ticks on an absolute schedule (a late tick does not push the later ones back); idle without calls.</summary>
    private void RunTicks()
    {
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
