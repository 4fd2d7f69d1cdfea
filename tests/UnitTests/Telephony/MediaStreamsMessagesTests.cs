using System.Text;
using System.Text.Json;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

namespace CleanAgent.UnitTests.Telephony;

public sealed class MediaStreamsMessagesTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();

    private static InboundMessage Parse(string json, byte[]? destination = null) =>
        MediaStreamsInbound.Parse(Encoding.UTF8.GetBytes(json), destination ?? new byte[MediaStreamsInbound.MaxPayloadBytes]);

    [Theory]
    [InlineData("\"4\"", "\"2\"", "\"5\"")]
    [InlineData("4", "2", "5")]
    public void Media_WithStringOrNumberSequenceFields_DecodesThePayload(string sequence, string chunk, string timestamp)
    {
        var json = $$$"""{"event":"media","sequenceNumber":{{{sequence}}},"streamSid":"MZ1","media":{"track":"inbound","chunk":{{{chunk}}},"timestamp":{{{timestamp}}},"payload":"{{{Convert.ToBase64String(Payload)}}}"},"extra":[1,{"a":2}]}""";
        var destination = new byte[MediaStreamsInbound.MaxPayloadBytes];

        var message = Parse(json, destination);

        Assert.Equal(InboundEvent.Media, message.Event);
        Assert.True(message.IsCallerTrack);
        Assert.Equal(Payload, destination.AsSpan(0, message.PayloadLength).ToArray());
    }

    [Fact]
    public void Media_WithFieldsInAnyOrder_AndEscapedBase64_IsRead()
    {
        var base64 = Convert.ToBase64String(Payload).Replace("/", "\\/", StringComparison.Ordinal);
        var destination = new byte[MediaStreamsInbound.MaxPayloadBytes];

        var message = Parse($$$"""{"media":{"payload":"{{{base64}}}"},"event":"media"}""", destination);

        Assert.Equal(InboundEvent.Media, message.Event);
        Assert.Equal(Payload, destination.AsSpan(0, message.PayloadLength).ToArray());
    }

    [Theory]
    [InlineData("outbound", false)]
    [InlineData("inbound_track", true)]
    [InlineData("inbound", true)]
    public void Media_TrackDecidesWhetherItIsTheCaller(string track, bool caller)
    {
        var message = Parse($$$"""{"event":"media","media":{"track":"{{{track}}}","payload":"/w=="}}""");

        Assert.Equal(caller, message.IsCallerTrack);
    }

    [Theory]
    [InlineData("""{"event":"media","media":{"payload":"!!!not base64"}}""")]
    [InlineData("""{"event":"media","media":{}}""")]
    [InlineData("""{"event":"media","media":{"payload":"AAAA""")]
    [InlineData("""{"event":"dtmf","dtmf":{}}""")]
    [InlineData("""{"event":"mark","mark":{}}""")]
    [InlineData("""not json at all""")]
    [InlineData("""[1,2,3]""")]
    public void BrokenFrames_AreMalformed(string json)
    {
        Assert.Equal(InboundEvent.Malformed, Parse(json).Event);
    }

    [Fact]
    public void PayloadLargerThanOneSecond_IsMalformed()
    {
        var huge = Convert.ToBase64String(new byte[MediaStreamsInbound.MaxPayloadBytes + 1]);

        Assert.Equal(InboundEvent.Malformed, Parse($$$"""{"event":"media","media":{"payload":"{{{huge}}}"}}""").Event);
    }

    [Fact]
    public void UnknownEvents_AreOther_NotMalformed()
    {
        Assert.Equal(InboundEvent.Other, Parse("""{"event":"keepalive","whatever":{"x":1}}""").Event);
    }

    [Theory]
    [InlineData("\"#\"", '#')]
    [InlineData("\"7\"", '7')]
    [InlineData("5", '5')]
    public void Dtmf_GivesTheDigit(string digit, char expected)
    {
        var message = Parse($$$"""{"event":"dtmf","streamSid":"MZ1","sequenceNumber":"5","dtmf":{"track":"inbound_track","digit":{{{digit}}}}}""");

        Assert.Equal(InboundEvent.Dtmf, message.Event);
        Assert.Equal(expected, message.Digit);
    }

    [Fact]
    public void MarkAndStop_AreRecognised()
    {
        Assert.Equal("utterance-3", Parse("""{"event":"mark","streamSid":"MZ1","sequenceNumber":"6","mark":{"name":"utterance-3"}}""").MarkName);
        Assert.Equal(InboundEvent.Stop, Parse("""{"event":"stop","sequenceNumber":"7","streamSid":"MZ1","stop":{"accountSid":"a","callSid":"c"}}""").Event);
    }

    [Theory]
    [InlineData("""{"event":"stop","streamSid":"MZ-other","stop":{}}""", InboundEvent.Stop)]
    [InlineData("""{"event":"dtmf","streamSid":"MZ-other","dtmf":{"digit":"#"}}""", InboundEvent.Dtmf)]
    [InlineData("""{"dtmf":{"digit":"#"},"streamSid":"MZ-other","event":"dtmf"}""", InboundEvent.Dtmf)]
    [InlineData("""{"event":"media","streamSid":"MZ-other","media":{"payload":"//8="}}""", InboundEvent.Media)]
    public void MessageOfAnotherStream_IsMarkedAsSuch(string json, InboundEvent expected)
    {
        var message = MediaStreamsInbound.Parse(Encoding.UTF8.GetBytes(json), new byte[MediaStreamsInbound.MaxPayloadBytes], "MZ1"u8);

        Assert.Equal(expected, message.Event);
        Assert.True(message.IsOtherStream);
    }

    [Theory]
    [InlineData("""{"event":"stop","streamSid":"MZ1","stop":{}}""")]
    [InlineData("""{"event":"stop","streamSid":"\u004dZ1","stop":{}}""")]
    [InlineData("""{"event":"stop","stop":{}}""")]
    [InlineData("""{"event":"stop","streamSid":7,"stop":{}}""")]
    public void MessageOfThisStream_OrNamingNone_IsTheCallsOwn(string json)
    {
        var message = MediaStreamsInbound.Parse(Encoding.UTF8.GetBytes(json), new byte[MediaStreamsInbound.MaxPayloadBytes], "MZ1"u8);

        Assert.Equal(InboundEvent.Stop, message.Event);
        Assert.False(message.IsOtherStream);
    }

    [Fact]
    public void Writer_MediaMarkAndClear_AreTheDocumentedShapes()
    {
        var writer = new MediaStreamsOutboundWriter("MZ\"odd\"");
        var buffer = new byte[writer.MaxMediaLength(160)];

        var length = writer.WriteMedia(Payload, buffer);

        using var media = JsonDocument.Parse(buffer.AsMemory(0, length));
        Assert.Equal("media", media.RootElement.GetProperty("event").GetString());
        Assert.Equal("MZ\"odd\"", media.RootElement.GetProperty("streamSid").GetString());
        Assert.Equal(Payload, Convert.FromBase64String(media.RootElement.GetProperty("media").GetProperty("payload").GetString()!));

        using var mark = JsonDocument.Parse(writer.Mark("end \"of\" call"));
        Assert.Equal("mark", mark.RootElement.GetProperty("event").GetString());
        Assert.Equal("end \"of\" call", mark.RootElement.GetProperty("mark").GetProperty("name").GetString());

        using var clear = JsonDocument.Parse(writer.Clear);
        Assert.Equal("clear", clear.RootElement.GetProperty("event").GetString());
        Assert.Equal("MZ\"odd\"", clear.RootElement.GetProperty("streamSid").GetString());
    }

    [Fact]
    public void WriterOutput_ParsesBackAsTheSamePayload()
    {
        var writer = new MediaStreamsOutboundWriter("MZ1");
        var buffer = new byte[writer.MaxMediaLength(160)];
        var length = writer.WriteMedia(Payload, buffer);
        var destination = new byte[MediaStreamsInbound.MaxPayloadBytes];

        var parsed = MediaStreamsInbound.Parse(buffer.AsSpan(0, length), destination);

        Assert.Equal(InboundEvent.Media, parsed.Event);
        Assert.Equal(Payload, destination.AsSpan(0, parsed.PayloadLength).ToArray());
    }
}
