using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

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
}
