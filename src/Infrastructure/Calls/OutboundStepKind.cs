namespace CleanAgent.Infrastructure.Calls;

/// <summary>What the next outbound send is.</summary>
public enum OutboundStepKind
{
    /// <summary>One 20 ms μ-law frame.</summary>
    Audio,
    Mark,
    Clear,
}
