namespace CleanAgent.Infrastructure.Calls;

/// <summary>Where paced outbound audio goes: the provider's socket, in its own wire format.</summary>
public interface IOutboundMediaSink
{
    /// <summary>Sends one 20 ms μ-law frame (160 bytes).</summary>
    ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame);

    ValueTask SendMarkAsync(string name);

    /// <summary>Tells the provider to drop audio it has buffered but not played.</summary>
    ValueTask SendClearAsync();
}
