namespace CleanAgent.UnitTests.Support;

/// <summary>A clock moved by hand: timestamps it is told, and timers that never fire (a media clock on it never ticks by itself).</summary>
public sealed class ManualTime : TimeProvider
{
    private long _now = 1;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public void Advance(TimeSpan span) => Interlocked.Add(ref _now, (long)(span.TotalSeconds * TimestampFrequency));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

    private sealed class Never : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
