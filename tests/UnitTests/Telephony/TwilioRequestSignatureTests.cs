using System.Security.Cryptography;
using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Telephony.Twilio;

namespace CleanAgent.UnitTests.Telephony;

/// <summary>
/// Twilio's request signature, against the values Twilio publishes in its own SDKs' tests (token <c>12345</c>), and
/// for a Media Streams upgrade (no POST parameters) against an HMAC-SHA1 computed here independently.
/// </summary>
public sealed class TwilioRequestSignatureTests
{
    private static readonly Secret PublishedToken = new("12345");
    private const string PublishedUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] PublishedParameters =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    private static readonly Secret Token = new("0123456789abcdef0123456789abcdef");
    private static readonly Uri StreamUrl = new("wss://cleanagent.example.com/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001");

    [Fact]
    public void Compute_MatchesTwiliosPublishedExample()
    {
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioRequestSignature.Compute(PublishedToken, PublishedUrl, PublishedParameters.Reverse()));
    }

    [Fact]
    public void Compute_SortsRepeatedParameterValues_AsTwilioDoes()
    {
        KeyValuePair<string, string>[] repeated = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234")];

        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioRequestSignature.Compute(PublishedToken, PublishedUrl, repeated));
    }

    [Fact]
    public void Candidates_IncludeTheUrlWithItsDefaultPortWrittenOut_WhichTwilioMayHaveSigned()
    {
        var candidates = TwilioRequestSignature.SignedUrlCandidates(new Uri(PublishedUrl));

        Assert.Equal([PublishedUrl, "https://mycompany.com:443/myapp.php?foo=1&bar=2"], candidates);
        // Twilio's published signature of the URL with port 443 written out.
        Assert.Equal("kvajT1Ptam85bY51eRf/AJRuM3w=", TwilioRequestSignature.Compute(PublishedToken, candidates[1], PublishedParameters));
    }

    [Fact]
    public void StreamUpgrade_SignedWithTheAuthToken_IsValid()
    {
        Assert.True(TwilioRequestSignature.IsValid(Token, StreamUrl, IndependentSignature(Token.Value, StreamUrl.AbsoluteUri)));
    }

    [Fact]
    public void StreamUpgrade_SignedWithThePortWrittenOut_IsValid()
    {
        var signature = IndependentSignature(Token.Value, "wss://cleanagent.example.com:443/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001");

        Assert.True(TwilioRequestSignature.IsValid(Token, StreamUrl, signature));
    }

    [Fact]
    public void NonDefaultPort_IsPartOfWhatIsSigned()
    {
        var url = new Uri("ws://127.0.0.1:5123/api/v1/agent-stream/twilio/a");

        Assert.True(TwilioRequestSignature.IsValid(Token, url, IndependentSignature(Token.Value, "ws://127.0.0.1:5123/api/v1/agent-stream/twilio/a")));
        Assert.False(TwilioRequestSignature.IsValid(Token, url, IndependentSignature(Token.Value, "ws://127.0.0.1:5124/api/v1/agent-stream/twilio/a")));
    }

    [Theory]
    [InlineData("another-token-entirely-0000000000", null)]
    [InlineData(null, "wss://cleanagent.example.com/api/v1/agent-stream/twilio/another-agent")]
    [InlineData(null, "https://cleanagent.example.com/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001")]
    public void SignatureOfAnotherTokenOrUrl_IsInvalid(string? token, string? url)
    {
        var signature = IndependentSignature(token ?? Token.Value, url ?? StreamUrl.AbsoluteUri);

        Assert.False(TwilioRequestSignature.IsValid(Token, StreamUrl, signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")] // valid base64, too short for a SHA-1 MAC
    public void MissingOrMalformedSignature_IsInvalid(string? signature)
    {
        Assert.False(TwilioRequestSignature.IsValid(Token, StreamUrl, signature));
    }

    [Fact]
    public void BlankToken_NeverValidates()
    {
        Assert.False(TwilioRequestSignature.IsValid(new Secret(""), StreamUrl, IndependentSignature("", StreamUrl.AbsoluteUri)));
    }

    private static string IndependentSignature(string token, string url)
    {
#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by definition.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token));
#pragma warning restore CA5350
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(url)));
    }
}
