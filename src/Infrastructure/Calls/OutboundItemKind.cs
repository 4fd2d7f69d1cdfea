using System.Buffers;

namespace CleanAgent.Infrastructure.Calls;

public enum OutboundItemKind
{
    /// <summary>One 20 ms μ-law frame (160 bytes) in a pooled buffer.</summary>
    Audio,
    Mark,
    Clear,
}
