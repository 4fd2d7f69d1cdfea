using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

/// <summary>
/// The JSON framing Twilio Media Streams defined and Cloudonix reuses (media-streams.md): <c>connected</c> and
/// <c>start</c>, then <c>media</c>, <c>dtmf</c>, <c>mark</c> and <c>stop</c> in, <c>media</c>, <c>mark</c> and
/// <c>clear</c> out. Every provider that speaks it shares this one codec.
/// </summary>
public sealed class MediaStreamsCodec : IMediaStreamCodec
{
    public static MediaStreamsCodec Instance { get; } = new();

    public Result ReadConnected(ReadOnlySpan<byte> message) => MediaStreamsHandshake.ParseConnected(message);

    public Result<StreamStart> ReadStart(ReadOnlySpan<byte> message) => MediaStreamsHandshake.ParseStart(message);

    public IStreamWire Open(string streamSid) => new MediaStreamsWire(streamSid);
}
