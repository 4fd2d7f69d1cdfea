namespace CleanAgent.Application.Telephony;

/// <summary>
/// Reads and writes the messages of one media stream (50 a second each way per call: no allocation per media
/// message). Outbound audio is 20 ms of μ-law per message.
/// </summary>
public interface IStreamWire
{
    /// <summary>The largest media payload a message may carry; larger ones are malformed.</summary>
    int MaxPayloadBytes { get; }

    /// <summary>Parses one message; a media payload is decoded into <paramref name="payload"/> (at least <see cref="MaxPayloadBytes"/>).</summary>
    InboundMessage Parse(ReadOnlySpan<byte> message, Span<byte> payload);

    /// <summary>Room a media message of <paramref name="payloadBytes"/> needs.</summary>
    int MaxMediaLength(int payloadBytes);

    /// <summary>Writes a media message carrying <paramref name="mulaw"/>; returns its length.</summary>
    int WriteMedia(ReadOnlySpan<byte> mulaw, Span<byte> destination);

    byte[] Mark(string name);

    ReadOnlyMemory<byte> Clear { get; }
}
