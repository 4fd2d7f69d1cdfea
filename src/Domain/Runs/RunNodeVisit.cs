using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Runs;

/// <summary>The conversation of a run entered a graph node. Rows beside the run, in the order visited (<see cref="Sequence"/>).</summary>
public sealed class RunNodeVisit
{
    /// <summary>Node ids and names are labels in an editor; longer ones are cut.</summary>
    public const int MaxNodeIdLength = 200;

    public const int MaxNodeNameLength = 200;

    private RunNodeVisit()
    {
        NodeId = string.Empty;
        NodeName = string.Empty;
    }

    public Guid RunId { get; private set; }

    /// <summary>The visit's place in the run (0, 1, 2, … as recorded).</summary>
    public int Sequence { get; private set; }

    public string NodeId { get; private set; }
    public string NodeName { get; private set; }

    /// <summary>From the start of the call, in milliseconds.</summary>
    public long AtMs { get; private set; }

    public static RunNodeVisit Record(Guid runId, int sequence, string nodeId, string nodeName, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(nodeName);
        if (runId == Guid.Empty) throw new DomainException("A node visit belongs to a run.");
        if (sequence < 0) throw new DomainException("A node visit's sequence number cannot be negative.");
        if (string.IsNullOrWhiteSpace(nodeId)) throw new DomainException("A node visit names its node.");
        if (at < TimeSpan.Zero) throw new DomainException("A node cannot be entered before the call.");

        return new RunNodeVisit
        {
            RunId = runId,
            Sequence = sequence,
            NodeId = BoundedText.Cut(nodeId, MaxNodeIdLength),
            NodeName = BoundedText.Cut(nodeName, MaxNodeNameLength),
            AtMs = (long)at.TotalMilliseconds,
        };
    }
}
