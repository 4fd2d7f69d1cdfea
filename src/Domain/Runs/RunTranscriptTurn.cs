using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>
/// One turn of a run's conversation, as the other side heard it. Kept beside the run rather than inside it (its own
/// rows, keyed by run and <see cref="Sequence"/>): saving a turn never loads the run or its other turns, and the
/// transcript reads back in one indexed range.
/// </summary>
public sealed class RunTranscriptTurn
{
    /// <summary>Text beyond this is cut, and <see cref="Truncated"/> says so: a runaway turn must not fill the database.</summary>
    public const int MaxTextLength = 8 * 1024;

    private RunTranscriptTurn() => Text = string.Empty;

    public Guid RunId { get; private set; }

    /// <summary>The turn's place in the transcript (0, 1, 2, … as recorded); the transcript reads in this order.</summary>
    public int Sequence { get; private set; }

    public TurnSpeaker Speaker { get; private set; }

    /// <summary>What was said; for an interrupted agent turn, only what the caller heard.</summary>
    public string Text { get; private set; }

    /// <summary>The text was longer than <see cref="MaxTextLength"/> and is cut there.</summary>
    public bool Truncated { get; private set; }

    /// <summary>From the start of the call, in milliseconds.</summary>
    public long StartMs { get; private set; }

    /// <summary>From the start of the call, in milliseconds; never before <see cref="StartMs"/>.</summary>
    public long EndMs { get; private set; }

    /// <summary>An agent turn the caller talked over.</summary>
    public bool Interrupted { get; private set; }

    /// <summary>The graph node the turn belongs to, when known.</summary>
    public string? NodeId { get; private set; }

    /// <param name="textWasCut">The text was already cut before it got here (the run journal bounds what it queues).</param>
    public static RunTranscriptTurn Record(Guid runId, int sequence, TurnSpeaker speaker, string text, TimeSpan start, TimeSpan end,
        bool interrupted, string? nodeId, bool textWasCut = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (runId == Guid.Empty) throw new DomainException("A transcript turn belongs to a run.");
        if (sequence < 0) throw new DomainException("A transcript turn's sequence number cannot be negative.");
        if (!Enum.IsDefined(speaker)) throw new DomainException($"Unknown speaker {speaker}.");
        if (start < TimeSpan.Zero) throw new DomainException("A transcript turn cannot start before the call.");

        var startMs = (long)start.TotalMilliseconds;
        return new RunTranscriptTurn
        {
            RunId = runId,
            Sequence = sequence,
            Speaker = speaker,
            Text = BoundedText.Cut(text, MaxTextLength, out var cut),
            Truncated = cut || textWasCut,
            StartMs = startMs,
            // Clocks of different stages may disagree by a frame; an end before the start reads as the start.
            EndMs = Math.Max(startMs, (long)end.TotalMilliseconds),
            Interrupted = interrupted,
            NodeId = nodeId is null ? null : BoundedText.Cut(nodeId, RunNodeVisit.MaxNodeIdLength),
        };
    }
}
