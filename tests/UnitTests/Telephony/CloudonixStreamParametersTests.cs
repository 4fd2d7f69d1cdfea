using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Telephony.Cloudonix;

namespace CleanAgent.UnitTests.Telephony;

public sealed class CloudonixStreamParametersTests
{
    [Fact]
    public void AllMissing_AreNamedTogether()
    {
        var result = new CloudonixStreamParameters(new Secret(""), null, " ", null, null, null).Validate();

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
        Assert.Equal("Missing cloudonix parameter(s): session, AccountSid, CallSid.", result.Error!.Message);
    }

    [Fact]
    public void InitialContext_HasTheContractsKeys_AndNeverTheToken()
    {
        var parameters = new CloudonixStreamParameters(new Secret("bearer-xyz"), "acme", "CA1", "sip-1", "+1", "+2");

        var context = parameters.ToInitialContext();

        Assert.Equal(["account_sid", "call_id", "called_number", "caller_number", "direction", "provider"], context.Keys.Order());
        Assert.DoesNotContain(context.Values, v => v.Contains("bearer-xyz", StringComparison.Ordinal));
    }

    [Fact]
    public void Secret_NeverPrintsItsValue()
    {
        var secret = new Secret("dg_very-secret");
        var parameters = new CloudonixStreamParameters(secret, "acme", "CA1", null, null, null);

        Assert.Equal("[redacted]", secret.ToString());
        Assert.DoesNotContain("very-secret", parameters.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", $"{secret}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", "CA1")]
    [InlineData("acme.cloudonix.net", "4f7c8a9e-1b2c-4d3e-9f00-aa11bb22cc33")]
    [InlineData("tenant_1-eu", "CA.1_x-y")]
    public void PathSafeIdentifiers_AreAccepted(string accountSid, string callSid)
    {
        Assert.True(new CloudonixStreamParameters(new Secret("t"), accountSid, callSid, null, null, null).Validate().IsSuccess);
    }

    [Theory]
    [InlineData("acme", "..", "CallSid")]
    [InlineData("acme", ".", "CallSid")]
    [InlineData("acme", ".hidden", "CallSid")]
    [InlineData("acme", "CA1/../../x", "CallSid")]
    [InlineData("acme", "CA1%2F..", "CallSid")]
    [InlineData("acme", "CA 1", "CallSid")]
    [InlineData("acme", "CA1?x=1", "CallSid")]
    [InlineData("acme", "CA1#x", "CallSid")]
    [InlineData("acme", "CA\\1", "CallSid")]
    [InlineData("..", "CA1", "AccountSid")]
    [InlineData(".", "CA1", "AccountSid")]
    [InlineData("acme..net", "CA1", "AccountSid")]
    [InlineData("acme.", "CA1", "AccountSid")]
    [InlineData("acme/x", "CA1", "AccountSid")]
    [InlineData("ac me", "CA1", "AccountSid")]
    public void IdentifiersThatCouldMoveTheHangupUrl_AreRefused_NamingTheParameter(string accountSid, string callSid, string named)
    {
        var result = new CloudonixStreamParameters(new Secret("t"), accountSid, callSid, null, null, null).Validate();

        Assert.Equal(ErrorKind.ProviderHandshake, result.Error?.Kind);
        Assert.Contains(named, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusedIdentifier_IsNotEchoedInTheReason()
    {
        var result = new CloudonixStreamParameters(new Secret("t"), "acme", "<script>../../x", null, null, null).Validate();

        Assert.DoesNotContain("script", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlongIdentifiers_AreRefused()
    {
        Assert.False(new CloudonixStreamParameters(new Secret("t"), "acme", new string('a', 129), null, null, null).Validate().IsSuccess);
        Assert.True(new CloudonixStreamParameters(new Secret("t"), "acme", new string('a', 128), null, null, null).Validate().IsSuccess);
        Assert.False(new CloudonixStreamParameters(new Secret("t"), new string('a', 254), "CA1", null, null, null).Validate().IsSuccess);
    }
}
