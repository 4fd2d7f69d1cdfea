using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

/// <summary>
/// Writes CleanAgent → provider messages (<c>media</c>, <c>mark</c>, <c>clear</c>) into a caller-owned buffer.
/// The parts that never change during a call (event name, stream id) are encoded once; a media frame is then
/// a copy of the prefix, the base64 of the payload, and the suffix: no allocation per frame.
/// </summary>
public sealed class MediaStreamsOutboundWriter
{
    private static readonly byte[] MediaSuffix = "\"}}"u8.ToArray();
    private readonly byte[] _mediaPrefix;
    private readonly byte[] _markPrefix;
    private readonly byte[] _clear;

    public MediaStreamsOutboundWriter(string streamSid)
    {
        var sid = JsonEncodedText.Encode(streamSid).EncodedUtf8Bytes.ToArray();
        _mediaPrefix = Concat("{\"event\":\"media\",\"streamSid\":\""u8, sid, "\",\"media\":{\"payload\":\""u8);
        _markPrefix = Concat("{\"event\":\"mark\",\"streamSid\":\""u8, sid, "\",\"mark\":{\"name\":"u8);
        _clear = Concat("{\"event\":\"clear\",\"streamSid\":\""u8, sid, "\"}"u8);
    }

    /// <summary>Room a media message of <paramref name="payloadBytes"/> needs.</summary>
    public int MaxMediaLength(int payloadBytes) => _mediaPrefix.Length + Base64.GetMaxEncodedToUtf8Length(payloadBytes) + MediaSuffix.Length;

    public int WriteMedia(ReadOnlySpan<byte> mulaw, Span<byte> destination)
    {
        _mediaPrefix.CopyTo(destination);
        var at = _mediaPrefix.Length;
        Base64.EncodeToUtf8(mulaw, destination[at..], out _, out var written);
        at += written;
        MediaSuffix.CopyTo(destination[at..]);
        return at + MediaSuffix.Length;
    }

    public byte[] Mark(string name) => Concat(_markPrefix, JsonSerializer.SerializeToUtf8Bytes(name), "}}"u8);

    public ReadOnlyMemory<byte> Clear => _clear;

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var result = new byte[a.Length + b.Length + c.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        c.CopyTo(result.AsSpan(a.Length + b.Length));
        return result;
    }
}
