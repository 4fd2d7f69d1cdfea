using System.Buffers;

namespace CleanAgent.Infrastructure.Calls;

public readonly record struct OutboundItem(OutboundItemKind Kind, byte[]? Frame = null, string? MarkName = null)
{
    public void ReturnFrame()
    {
        if (Frame is not null) ArrayPool<byte>.Shared.Return(Frame);
    }
}
