using System.Text;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.OpenAi;

namespace CleanAgent.UnitTests.Voice;

public sealed class TranscriptionResponseParserTests
{
    private static ProviderResult<string> Parse(string body) => TranscriptionResponseParser.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Text_IsReadAndTrimmed_OtherFieldsIgnored()
    {
        var result = Parse("""{"text":"  I'd like to pay my bill. ","language":"en","duration":2.1,"segments":[]}""");

        Assert.True(result.IsSuccess);
        Assert.Equal("I'd like to pay my bill.", result.Value);
    }

    [Fact]
    public void EmptyText_IsAnEmptyTranscript_NotAnError()
    {
        var result = Parse("""{"text":""}""");

        Assert.True(result.IsSuccess);
        Assert.Equal(string.Empty, result.Value);
    }

    [Theory]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[\"text\"]")]
    [InlineData("\"just a string\"")]
    [InlineData("{}")]
    [InlineData("""{"text":42}""")]
    [InlineData("""{"text":null}""")]
    [InlineData("""{"text":{"value":"hi"}}""")]
    [InlineData("""{"text":"unterminated""")]
    [InlineData("""{"error":{"message":"invalid key"}}""")]
    public void HostileBodies_AreProtocolErrors(string body)
    {
        var result = Parse(body);

        Assert.False(result.IsSuccess);
        Assert.Equal(ProviderErrorKind.Protocol, result.Error!.Kind);
        Assert.Equal(VoiceStage.SpeechToText, result.Error.Stage);
        Assert.DoesNotContain("502", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8Text_IsAProtocolError()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"text":"ab"}""");
        bytes[Array.IndexOf(bytes, (byte)'a')] = 0xC3;

        Assert.Equal(ProviderErrorKind.Protocol, TranscriptionResponseParser.Parse(bytes).Error!.Kind);
    }

    [Fact]
    public void NestingBomb_IsAProtocolError()
    {
        var result = Parse("{\"text\":\"x\",\"a\":" + new string('[', 10_000) + new string(']', 10_000) + "}");

        Assert.Equal(ProviderErrorKind.Protocol, result.Error!.Kind);
    }
}
