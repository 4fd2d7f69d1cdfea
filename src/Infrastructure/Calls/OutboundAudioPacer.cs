namespace CleanAgent.Infrastructure.Calls;

/// <summary>
/// When the next outbound frame may go, so that the provider receives audio at real time with a small, bounded lead:
/// frames are sent no more than <c>maxLead</c> ahead of their playout position. After a pause (the queue ran dry, or a
/// <c>clear</c>) or a stall longer than the lead, playout restarts from now rather than bursting to catch up.
/// Pure arithmetic on timestamps: the caller says what time it is.
/// </summary>
public sealed class OutboundAudioPacer
{
    private readonly long _frameTicks;
    private readonly long _leadTicks;
    private long _nextPlayout;
    private bool _playing;

    public OutboundAudioPacer(long timestampFrequency, TimeSpan frameDuration, TimeSpan maxLead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLead, TimeSpan.Zero);
        _frameTicks = ToTimestampTicks(timestampFrequency, frameDuration);
        _leadTicks = ToTimestampTicks(timestampFrequency, maxLead);
    }

    /// <summary>
    /// Whether the next frame may be sent at <paramref name="now"/> (a timestamp of the clock the frequency belongs to).
    /// </summary>
    /// <param name="stalledTicks">
    /// When playing and late: how long the provider has had nothing to play (timestamp ticks). The call's audio is that
    /// much later from now on; zero otherwise.
    /// </param>
    public bool MaySend(long now, out long stalledTicks)
    {
        stalledTicks = 0;
        if (!_playing || now > _nextPlayout)
        {
            // Starting, or late: the provider has already played everything we sent, so playout is "now".
            if (_playing) stalledTicks = now - _nextPlayout;
            _nextPlayout = now;
            _playing = true;
        }

        return _nextPlayout - _leadTicks <= now;
    }

    /// <summary>The timestamp at which the next frame may be sent.</summary>
    public long NextSendAt => _playing ? _nextPlayout - _leadTicks : long.MinValue;

    /// <summary>Records that the frame <see cref="MaySend"/> allowed has been sent.</summary>
    public void FrameSent() => _nextPlayout += _frameTicks;

    /// <summary>Playout stopped (nothing queued, or cleared); the next frame starts a new stretch at real time.</summary>
    public void Pause() => _playing = false;

    private static long ToTimestampTicks(long frequency, TimeSpan span) => (long)Math.Round(span.TotalSeconds * frequency);
}
