using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Telephony.MediaStreamsFraming;

namespace CleanAgent.UnitTests.Telephony;

public sealed class MediaStreamsHandshakeTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("""{"event":"connected","protocol":"Call","version":"1.0.0"}""")]
    [InlineData("""{"event":"connected"}""")]
    [InlineData("""{"protocol":"Other","version":2,"event":"connected","extra":{"a":[1,2]}}""")]
    public void Connected_IsAccepted_WhateverProtocolAndVersionSay(string json)
    {
        Assert.True(MediaStreamsHandshake.ParseConnected(Utf8(json)).IsSuccess);
    }

    [Theory]
    [InlineData("""{"event":"connected" """)]
    [InlineData("not json")]
    [InlineData("""{"event":"start"}""")]
    [InlineData("""{"event":42}""")]
    [InlineData("""[]""")]
    public void NotAConnectedMessage_IsAHandshakeError(string json)
    {
        var result = MediaStreamsHandshake.ParseConnected(Utf8(json));

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
    }

    [Fact]
    public void Start_GivesStreamSidCallSidAndCustomParameters_AsStrings()
    {
        var json = """
            {"event":"start","sequenceNumber":1,"streamSid":"MZ1",
             "start":{"accountSid":"acme","streamSid":"MZ1","callSid":"CA9","tracks":["inbound"],
                      "mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},
                      "customParameters":{"ticket":"T-1","priority":3,"vip":true,"empty":null},
                      "session":"ignored","context":{"x":1}}}
            """;

        var start = MediaStreamsHandshake.ParseStart(Utf8(json));

        Assert.True(start.IsSuccess);
        Assert.Equal("MZ1", start.Value.StreamSid);
        Assert.Equal("CA9", start.Value.CallSid);
        Assert.Equal("T-1", start.Value.CustomParameters["ticket"]);
        Assert.Equal("3", start.Value.CustomParameters["priority"]);
        Assert.Equal("true", start.Value.CustomParameters["vip"]);
        Assert.Equal(string.Empty, start.Value.CustomParameters["empty"]);
    }

    [Theory]
    [InlineData("""{"event":"media","media":{"payload":""}}""", "expected 'start'")]
    [InlineData("""{"event":"start"}""", "no 'start' object")]
    [InlineData("""{"event":"start","start":{"streamSid":"MZ1"}}""", "'callSid'")]
    [InlineData("""{"event":"start","start":{"callSid":"CA1"}}""", "'streamSid'")]
    public void MalformedOrOutOfOrderStart_IsAHandshakeError(string json, string expected)
    {
        var result = MediaStreamsHandshake.ParseStart(Utf8(json));

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
        Assert.Contains(expected, result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"event":"stop","stop":{}}""", "stop")]
    [InlineData("""{"sequenceNumber":"7","event":"media"}""", "media")]
    [InlineData("""{"event":null}""", null)]
    [InlineData("""garbage""", null)]
    public void ReadEventName_FindsTheEventWhereverItIs(string json, string? expected)
    {
        Assert.Equal(expected, MediaStreamsHandshake.ReadEventName(Utf8(json)));
    }

    [Fact]
    public void Start_WithItsStreamSidOnlyAtTheTopLevel_IsAccepted()
    {
        // pipecat's Cloudonix fixture, verbatim.
        var json = """{"event":"start","streamSid":"MZ-top","start":{"session":"s","callSid":"CA1","tracks":["inbound"]}}""";

        var start = MediaStreamsHandshake.ParseStart(Utf8(json));

        Assert.True(start.IsSuccess, start.Error?.Message);
        Assert.Equal("MZ-top", start.Value.StreamSid);
        Assert.Equal("CA1", start.Value.CallSid);
    }

    [Fact]
    public void Start_PrefersTheStreamSidInsideStart()
    {
        var json = """{"event":"start","streamSid":"MZ-top","start":{"streamSid":"MZ-inner","callSid":"CA1"}}""";

        Assert.Equal("MZ-inner", MediaStreamsHandshake.ParseStart(Utf8(json)).Value.StreamSid);
    }

    /// <summary>A lone surrogate escape is valid JSON but not valid text: .NET refuses to make a string of it.</summary>
    [Theory]
    [InlineData("""{"event":"start","start":{"streamSid":"MZ\ud800","callSid":"CA1"}}""")]
    [InlineData("""{"event":"start","start":{"streamSid":"MZ1","callSid":"CA\udfff"}}""")]
    [InlineData("""{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k\ud800":"v"}}}""")]
    [InlineData("""{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k":"v\ud800"}}}""")]
    [InlineData("""{"event":"st\ud800art","start":{"streamSid":"MZ1","callSid":"CA1"}}""")]
    public void Start_WithALoneSurrogate_IsAHandshakeError_NotAFault(string json)
    {
        var result = MediaStreamsHandshake.ParseStart(Utf8(json));

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
    }

    [Fact]
    public void Connected_WithALoneSurrogateInItsEvent_IsAHandshakeError_NotAFault()
    {
        var result = MediaStreamsHandshake.ParseConnected(Utf8("""{"event":"conn\ud800ected"}"""));

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
    }
}
