using System.Diagnostics;

namespace CleanAgent.CallSimulator;

/// <summary>
/// Decides when a received <c>mark</c> is echoed, imitating a provider that plays the agent's audio in real time:
/// a mark comes back once the audio received before it has played, and at once when <c>clear</c> discards it.
/// </summary>
/// <remarks>
/// The playout clock advances by each received frame's duration; after a gap (nothing left to play) it restarts at
/// the arrival of the next frame. The receive loop feeds it; the send loop takes the marks that are due.
/// </remarks>
internal sealed class MarkPlayout
{
    private readonly Lock _gate = new();
    private readonly Queue<(long Due, string Name)> _pending = new();
    private long _playedUntil;

    /// <summary>A frame of <paramref name="payloadBytes"/> μ-law samples arrived at <paramref name="now"/> (Stopwatch ticks).</summary>
    public void OnMedia(long now, int payloadBytes)
    {
        if (_playedUntil < now) _playedUntil = now;
        _playedUntil += payloadBytes * Stopwatch.Frequency / ToneGenerator.SampleRate;
    }

    public void OnMark(long now, string name)
    {
        lock (_gate) _pending.Enqueue((Math.Max(now, _playedUntil), name));
    }

    /// <summary>Everything buffered is discarded: every pending mark is due now, and playout starts afresh.</summary>
    public void OnClear(long now)
    {
        _playedUntil = now;
        lock (_gate)
        {
            var count = _pending.Count;
            for (var i = 0; i < count; i++)
                _pending.Enqueue((now, _pending.Dequeue().Name));
        }
    }

    /// <summary>Moves the marks due at <paramref name="now"/> into <paramref name="due"/>, in order; false when none.</summary>
    public bool TakeDue(long now, List<string> due)
    {
        lock (_gate)
        {
            while (_pending.TryPeek(out var next) && next.Due <= now)
                due.Add(_pending.Dequeue().Name);
        }

        return due.Count > 0;
    }
}
