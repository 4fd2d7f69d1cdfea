using CleanAgent.Infrastructure.Telephony.Cloudonix;

namespace CleanAgent.UnitTests.Telephony;

/// <summary>The hang-up URL carries the caller's bearer token: its path must stay the one Cloudonix documents.</summary>
public sealed class CloudonixHangupPathTests
{
    [Fact]
    public void Path_IsTheDocumentedSessionResource()
    {
        Assert.Equal("customers/self/domains/acme.cloudonix.net/sessions/CA1",
            CloudonixHangupClient.HangupPath(CloudonixHangupClient.NormalizeDomain("acme"), "CA1"));
    }

    [Theory]
    [InlineData("acme.cloudonix.net", "..")]
    [InlineData("acme.cloudonix.net", ".")]
    [InlineData("..", "..")]
    [InlineData("..", "CA1")]
    [InlineData("acme.cloudonix.net", "a/../b")]
    [InlineData("acme.cloudonix.net", "")]
    public void DotSegmentsOrSlashes_GiveNoPath(string domain, string callSid)
    {
        Assert.Null(CloudonixHangupClient.HangupPath(domain, callSid));
    }

    [Fact]
    public void EveryResolvedPath_StaysUnderItsSessionResource()
    {
        // Whatever passes the check, resolving the path against the base never climbs out of the sessions folder.
        var baseUri = new Uri("https://api.cloudonix.io/");
        foreach (var callSid in new[] { "CA1", "a.b", "a..b", "a-_.9", "x." })
        {
            var path = CloudonixHangupClient.HangupPath("acme.cloudonix.net", callSid);
            Assert.NotNull(path);
            Assert.Equal($"/customers/self/domains/acme.cloudonix.net/sessions/{callSid}", new Uri(baseUri, path).AbsolutePath);
        }
    }
}
