using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// A provider's media-stream wire format: the two handshake messages, then the messages of one stream. Parsing is
/// tolerant and never throws on what a provider sends; bad input is a handshake error or a malformed message.
/// </summary>
public interface IMediaStreamCodec
{
    /// <summary>The first message must be <c>connected</c>; anything else is a handshake error (<c>4400</c>).</summary>
    Result ReadConnected(ReadOnlySpan<byte> message);

    /// <summary>The second message must be <c>start</c>, with what the call needs (stream and call ids).</summary>
    Result<StreamStart> ReadStart(ReadOnlySpan<byte> message);

    /// <summary>The wire of one stream once <c>start</c> named it.</summary>
    IStreamWire Open(string streamSid);
}
