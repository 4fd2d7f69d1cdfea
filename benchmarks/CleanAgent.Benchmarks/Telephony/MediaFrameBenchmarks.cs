using System.Text;
using BenchmarkDotNet.Attributes;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

namespace CleanAgent.Benchmarks.Telephony;

/// <summary>
/// The per-frame work of a call, each way, as the media session does it through the stream's wire (the stream id checked too) (50 times per second per call):
/// inbound = parse the provider's <c>media</c> JSON + base64-decode the payload + μ-law → PCM;
/// outbound = PCM → μ-law + base64 + write the <c>media</c> JSON.
/// </summary>
/// <remarks>Not sealed: BenchmarkDotNet generates a class that derives from each benchmark class.</remarks>
[MemoryDiagnoser]
public class MediaFrameBenchmarks
{
    private const int FrameLength = 160;

    private readonly byte[] _payload = new byte[MediaStreamsInbound.MaxPayloadBytes];
    private readonly short[] _pcm = new short[FrameLength];
    private readonly byte[] _mulaw = new byte[FrameLength];
    private readonly IStreamWire _wire = MediaStreamsCodec.Instance.Open("MZ18ad3ab5a668481ce02b83e7395059f0");
    private byte[] _inboundJson = [];
    private byte[] _outbound = [];

    [GlobalSetup]
    public void BuildAFrame()
    {
        var random = new Random(20);
        random.NextBytes(_mulaw);
        for (var i = 0; i < _pcm.Length; i++) _pcm[i] = (short)random.Next(short.MinValue, short.MaxValue + 1);

        // A media message as Cloudonix sends it (string sequence fields, Twilio framing).
        _inboundJson = Encoding.UTF8.GetBytes(
            "{\"event\":\"media\",\"sequenceNumber\":\"4711\",\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"," +
            "\"media\":{\"track\":\"inbound\",\"chunk\":\"4710\",\"timestamp\":\"94200\",\"payload\":\"" + Convert.ToBase64String(_mulaw) + "\"}}");
        _outbound = new byte[_wire.MaxMediaLength(FrameLength)];
    }

    [Benchmark]
    public short Inbound_ParseBase64DecodeMuLawDecode()
    {
        var message = _wire.Parse(_inboundJson, _payload);
        MuLawCodec.Decode(_payload.AsSpan(0, message.PayloadLength), _pcm);
        return _pcm[^1];
    }

    [Benchmark]
    public int Outbound_MuLawEncodeBase64WriteJson()
    {
        MuLawCodec.Encode(_pcm, _mulaw);
        return _wire.WriteMedia(_mulaw, _outbound);
    }
}
