namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// Decides when the next 20 ms frame may leave, so that audio reaches the provider at real time with a small,
/// bounded lead: never seconds at once (the provider would buffer what a barge-in must then discard), never
/// behind (the caller would hear gaps). The playout position advances one frame per frame sent; a frame may go
/// once real time is within <c>maxLead</c> of its playout position. After a pause (queue ran dry, or a
/// <c>clear</c>), playout restarts from now.
/// </summary>
public sealed class OutboundAudioPacer
{
    private readonly TimeProvider _clock;
    private readonly long _frameTicks;
    private readonly long _leadTicks;
    private long _nextPlayout;
    private bool _playing;

    public OutboundAudioPacer(TimeProvider clock, TimeSpan frameDuration, TimeSpan maxLead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLead, TimeSpan.Zero);
        _clock = clock;
        _frameTicks = ToTimestampTicks(clock, frameDuration);
        _leadTicks = ToTimestampTicks(clock, maxLead);
    }

    /// <summary>How long to wait before the next frame may be sent; zero means now.</summary>
    public TimeSpan DelayBeforeNextFrame()
    {
        var now = _clock.GetTimestamp();
        if (!_playing || now > _nextPlayout)
        {
            // Starting, or late: the provider has already played everything we sent, so playout is "now".
            _nextPlayout = now;
            _playing = true;
        }

        var earliest = _nextPlayout - _leadTicks;
        return earliest <= now ? TimeSpan.Zero : _clock.GetElapsedTime(now, earliest);
    }

    /// <summary>Records that the frame <see cref="DelayBeforeNextFrame"/> allowed has been sent.</summary>
    public void FrameSent() => _nextPlayout += _frameTicks;

    /// <summary>Playout stopped (nothing queued, or cleared); the next frame starts a new stretch at real time.</summary>
    public void Pause() => _playing = false;

    private static long ToTimestampTicks(TimeProvider clock, TimeSpan span) =>
        (long)Math.Round(span.TotalSeconds * clock.TimestampFrequency);
}
