using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Telephony.Twilio;

namespace CleanAgent.UnitTests.Telephony;

public sealed class TwilioStreamParametersTests
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string CallSid = "CAfedcba9876543210fedcba9876543210";

    private static StreamStart Start(Dictionary<string, string> custom, string? accountSid = AccountSid, string callSid = CallSid) =>
        new("MZ00112233445566778899aabbccddeeff", callSid, custom, accountSid);

    [Fact]
    public void Read_TakesTheKeyOutOfTheKeptParameters_AndReadsTheCallsNumbers()
    {
        var custom = new Dictionary<string, string>
        {
            ["api_key"] = "dg_secret-key",
            ["from"] = "+15550001111",
            ["to"] = "+15550002222",
            ["callId"] = "sip-42",
            ["topic"] = "billing",
        };

        var parameters = TwilioStreamParameters.Read(Start(custom), out var kept);

        Assert.Equal("dg_secret-key", parameters.ApiKey.Value);
        Assert.Equal(AccountSid, parameters.AccountSid);
        Assert.Equal(CallSid, parameters.CallSid);
        Assert.Equal(("+15550001111", "+15550002222", "sip-42"), (parameters.From, parameters.To, parameters.CallId));
        Assert.False(kept.ContainsKey("api_key"));
        Assert.Equal("billing", kept["topic"]);
        Assert.DoesNotContain(kept.Values, v => v.Contains("secret-key", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_WithoutAKey_LeavesItBlank()
    {
        var parameters = TwilioStreamParameters.Read(Start(new Dictionary<string, string> { ["from"] = "+1" }), out var kept);

        Assert.True(parameters.ApiKey.IsBlank);
        Assert.Equal(["from"], kept.Keys);
    }

    [Fact]
    public void KeyParameterName_IsMatchedExactly()
    {
        // Only the TwiML's own spelling is the key; another spelling is just a parameter (and is kept, like any other).
        var parameters = TwilioStreamParameters.Read(Start(new Dictionary<string, string> { ["API_KEY"] = "dg_x" }), out var kept);

        Assert.True(parameters.ApiKey.IsBlank);
        Assert.True(kept.ContainsKey("API_KEY"));
    }

    [Fact]
    public void InitialContext_HasTheContractsKeys_AndNeverTheKey()
    {
        var parameters = TwilioStreamParameters.Read(Start(new Dictionary<string, string> { ["api_key"] = "dg_secret-key", ["from"] = "+1", ["to"] = "+2" }), out _);

        var context = parameters.ToInitialContext();

        Assert.Equal(["account_sid", "call_id", "called_number", "caller_number", "direction", "provider"], context.Keys.Order());
        Assert.Equal("twilio", context["provider"]);
        Assert.Equal("inbound", context["direction"]);
        Assert.Equal(("+1", "+2", AccountSid, ""), (context["caller_number"], context["called_number"], context["account_sid"], context["call_id"]));
        Assert.DoesNotContain(context.Values, v => v.Contains("secret-key", StringComparison.Ordinal));
    }

    [Fact]
    public void Printing_NeverShowsTheKey()
    {
        var parameters = TwilioStreamParameters.Read(Start(new Dictionary<string, string> { ["api_key"] = "dg_very-secret" }), out _);

        Assert.DoesNotContain("very-secret", parameters.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TwilioShapedSids_AreValid()
    {
        Assert.True(TwilioStreamParameters.Read(Start([]), out _).Validate().IsSuccess);
    }

    [Fact]
    public void MissingAccountSid_IsAHandshakeError_NamingIt()
    {
        var result = TwilioStreamParameters.Read(Start([], accountSid: null), out _).Validate();

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
        Assert.Equal("Missing twilio parameter(s): start.accountSid.", result.Error!.Message);
    }

    [Theory]
    [InlineData("..", CallSid, "start.accountSid")]
    [InlineData("AC1/../../x", CallSid, "start.accountSid")]
    [InlineData(AccountSid, "..", "start.callSid")]
    [InlineData(AccountSid, ".", "start.callSid")]
    [InlineData(AccountSid, "CA1/x", "start.callSid")]
    [InlineData(AccountSid, "CA1%2F..", "start.callSid")]
    [InlineData(AccountSid, "CA 1", "start.callSid")]
    [InlineData(AccountSid, "CA1?Status=queued", "start.callSid")]
    public void PathUnsafeSids_AreHandshakeErrors_NamingThemButNotEchoingThem(string accountSid, string callSid, string named)
    {
        var result = TwilioStreamParameters.Read(Start([], accountSid, callSid), out _).Validate();

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
        Assert.Contains(named, result.Error!.Message, StringComparison.Ordinal);
        var value = named == "start.callSid" ? callSid : accountSid;
        if (value.Length > 1) Assert.DoesNotContain(value, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongSid_IsAHandshakeError()
    {
        var result = TwilioStreamParameters.Read(Start([], callSid: "CA" + new string('0', PathSafeIdentifier.MaxCallSidLength)), out _).Validate();

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
    }
}
