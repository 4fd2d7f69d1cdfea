using System.Text;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

/// <summary>One stream's messages in the Media Streams framing; the stream id is encoded once, for reading and writing.</summary>
internal sealed class MediaStreamsWire(string streamSid) : IStreamWire
{
    private readonly byte[] _streamSid = Encoding.UTF8.GetBytes(streamSid);
    private readonly MediaStreamsOutboundWriter _writer = new(streamSid);

    public int MaxPayloadBytes => MediaStreamsInbound.MaxPayloadBytes;

    public InboundMessage Parse(ReadOnlySpan<byte> message, Span<byte> payload) => MediaStreamsInbound.Parse(message, payload, _streamSid);

    public int MaxMediaLength(int payloadBytes) => _writer.MaxMediaLength(payloadBytes);

    public int WriteMedia(ReadOnlySpan<byte> mulaw, Span<byte> destination) => _writer.WriteMedia(mulaw, destination);

    public byte[] Mark(string name) => _writer.Mark(name);

    public ReadOnlyMemory<byte> Clear => _writer.Clear;
}
