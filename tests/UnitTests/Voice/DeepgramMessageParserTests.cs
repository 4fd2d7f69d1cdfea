using System.Text;
using CleanAgent.Infrastructure.Voice.Deepgram;

namespace CleanAgent.UnitTests.Voice;

public sealed class DeepgramMessageParserTests
{
    private const string FinalResults = """
        {"type":"Results","channel_index":[0,1],"duration":1.5,"start":2.25,"is_final":true,"speech_final":true,
         "channel":{"alternatives":[{"transcript":" I need my invoice ","confidence":0.98,"words":[{"word":"i","start":2.3,"end":2.4}]}]},
         "metadata":{"request_id":"r1","model_info":{"name":"nova-3"}}}
        """;

    private static bool Parse(string json, out DeepgramMessage message) => DeepgramMessageParser.TryParse(Encoding.UTF8.GetBytes(json), out message);

    [Fact]
    public void FinalResults_GiveTheTrimmedTranscriptFlagsAndEnd()
    {
        Assert.True(Parse(FinalResults, out var message));

        Assert.Equal(DeepgramMessageKind.Results, message.Kind);
        Assert.Equal("I need my invoice", message.Transcript);
        Assert.True(message.IsFinal);
        Assert.True(message.SpeechFinal);
        Assert.False(message.FromFinalize);
        Assert.Equal(3.75, message.At, 6);
    }

    [Fact]
    public void InterimResults_AreNotFinal_AndFromFinalizeIsRead()
    {
        Assert.True(Parse("""{"type":"Results","start":0,"duration":0.5,"is_final":false,"channel":{"alternatives":[{"transcript":"I ne"}]}}""", out var interim));
        Assert.True(Parse("""{"type":"Results","is_final":true,"from_finalize":true,"channel":{"alternatives":[{"transcript":""}]}}""", out var finalized));

        Assert.False(interim.IsFinal);
        Assert.Equal("I ne", interim.Transcript);
        Assert.True(finalized.FromFinalize);
        Assert.Equal(string.Empty, finalized.Transcript);
    }

    [Fact]
    public void SpeechStartedUtteranceEndAndMetadata_AreRecognised()
    {
        Assert.True(Parse("""{"type":"SpeechStarted","channel":[0,1],"timestamp":1.25}""", out var started));
        Assert.True(Parse("""{"type":"UtteranceEnd","channel":[0,1],"last_word_end":4.5}""", out var ended));
        Assert.True(Parse("""{"type":"Metadata","request_id":"x","duration":3.0}""", out var metadata));
        Assert.True(Parse("""{"type":"Warning","description":"something new"}""", out var other));

        Assert.Equal((DeepgramMessageKind.SpeechStarted, 1.25), (started.Kind, started.At));
        Assert.Equal((DeepgramMessageKind.UtteranceEnd, 4.5), (ended.Kind, ended.At));
        Assert.Equal(DeepgramMessageKind.Metadata, metadata.Kind);
        Assert.Equal(DeepgramMessageKind.Other, other.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"Results\"")]
    [InlineData("{}")]
    [InlineData("""{"type":42}""")]
    [InlineData("""{"type":"Results"}""")]
    [InlineData("""{"type":"Results","channel":[]}""")]
    [InlineData("""{"type":"Results","channel":{"alternatives":{}}}""")]
    [InlineData("""{"type":"Results","channel":{"alternatives":["text"]}}""")]
    [InlineData("""{"type":"Results","channel":{"alternatives":[{"transcript":7}]}}""")]
    [InlineData("""{"type":"Results","channel":{"alternatives":[{"transcript":null}]}}""")]
    [InlineData("""{"type":"Results","channel":{"alternatives":[{"transcript":"cut""")]
    public void MalformedMessages_AreRefused(string json)
    {
        Assert.False(Parse(json, out _));
    }

    [Fact]
    public void WrongTypedOrAbsurdTimesAndFlags_ReadAsDefaults()
    {
        Assert.True(Parse("""{"type":"Results","start":"soon","duration":1e300,"is_final":"yes","speech_final":1,"channel":{"alternatives":[{"transcript":"hi"}]}}""", out var message));

        Assert.Equal(0, message.At);
        Assert.False(message.IsFinal);
        Assert.False(message.SpeechFinal);
    }

    [Fact]
    public void DeepNestingAndHugeMessages_AreRefused()
    {
        var deep = "{\"type\":\"Results\",\"x\":" + new string('[', 500) + new string(']', 500) + "}";
        var huge = "{\"type\":\"Results\",\"channel\":{\"alternatives\":[{\"transcript\":\"" + new string('a', DeepgramMessageParser.MaxMessageBytes) + "\"}]}}";

        Assert.False(Parse(deep, out _));
        Assert.False(Parse(huge, out _));
    }

    [Fact]
    public void InvalidUtf8InAString_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"Results","channel":{"alternatives":[{"transcript":"ab"}]}}""");
        bytes[Array.IndexOf(bytes, (byte)'a')] = 0xD5;

        Assert.False(DeepgramMessageParser.TryParse(bytes, out _));
    }

    [Fact]
    public void EmptyAlternatives_AreAnEmptyTranscript()
    {
        Assert.True(Parse("""{"type":"Results","is_final":true,"channel":{"alternatives":[]}}""", out var message));

        Assert.Equal(string.Empty, message.Transcript);
    }

    /// <summary>
    /// Random mutations of real messages (bytes flipped, inserted, cut, fields retyped) must never throw. The seed is
    /// fixed, and a failure names the seed and the input so that it can be replayed.
    /// </summary>
    [Fact]
    public void Fuzzed_MutatedMessages_NeverThrow()
    {
        const int seed = 20261126;
        var random = new Random(seed);
        string[] corpus =
        [
            FinalResults,
            """{"type":"SpeechStarted","channel":[0,1],"timestamp":1.25}""",
            """{"type":"UtteranceEnd","channel":[0,1],"last_word_end":4.5}""",
            """{"type":"Metadata","request_id":"x","duration":3.0,"channels":1}""",
            """{"type":"Results","is_final":false,"channel":{"alternatives":[{"transcript":"maybe"}]}}""",
        ];
        string[] fragments = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\"type\"", "\"Results\"", "\u00e9", "\ud83d\ude00"];

        for (var i = 0; i < 5000; i++)
        {
            var text = corpus[random.Next(corpus.Length)];
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                var at = random.Next(text.Length + 1);
                text = random.Next(4) switch
                {
                    0 => text.Remove(Math.Min(at, text.Length - 1), Math.Min(random.Next(1, 8), text.Length - Math.Min(at, text.Length - 1))),
                    1 => text.Insert(at, fragments[random.Next(fragments.Length)]),
                    2 => text[..at],
                    _ => text.Replace("true", random.Next(2) == 0 ? "\"true\"" : "[]", StringComparison.Ordinal),
                };
                if (text.Length == 0) text = "{";
            }

            var bytes = Encoding.UTF8.GetBytes(text);
            if (random.Next(10) == 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                if (DeepgramMessageParser.TryParse(bytes, out var parsed))
                    Assert.True(parsed.Transcript.Length <= DeepgramMessageParser.MaxTranscriptCharacters && double.IsFinite(parsed.At), $"fuzz seed {seed}, iteration {i}");
            }
            catch (Exception ex)
            {
                Assert.Fail($"Parser threw {ex.GetType().Name} on fuzz seed {seed}, iteration {i}: {Convert.ToBase64String(bytes)}");
            }
        }
    }
}
