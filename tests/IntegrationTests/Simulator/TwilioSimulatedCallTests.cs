using System.Security.Cryptography;
using System.Text;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

/// <summary>How the simulator shapes a Twilio call: the URL, <c>start</c>'s custom parameters, the SIDs, the signature.</summary>
public sealed class TwilioSimulatedCallTests
{
    private static SimulatedCallOptions Twilio() => new()
    {
        Provider = SimulatedProvider.Twilio,
        ServerBaseAddress = new Uri("http://127.0.0.1:5000/ignored"),
        AgentUuid = "5e1b3c55-0000-4000-8000-000000000001",
        ApiKey = "dg_sim-key",
        From = "+1",
        To = "+2",
        CallId = "sip-9",
    };

    [Fact]
    public void Url_NamesTwilioInThePath_AndHasNoQueryString()
    {
        var url = AgentStreamUrl.For(Twilio() with { Session = "not-sent" });

        Assert.Equal("ws://127.0.0.1:5000/api/v1/agent-stream/twilio/5e1b3c55-0000-4000-8000-000000000001", url.AbsoluteUri);
        Assert.Equal(string.Empty, url.Query);
    }

    [Fact]
    public void Sids_AreTwilioShaped()
    {
        var options = Twilio();

        Assert.Matches("^AC[0-9a-f]{32}$", options.AccountSid);
        Assert.Matches("^CA[0-9a-f]{32}$", options.CallSid);
        Assert.Equal("acme", (options with { AccountSid = "acme" }).AccountSid);
        Assert.Equal("simulator", (options with { Provider = SimulatedProvider.Cloudonix }).AccountSid);
    }

    [Fact]
    public void StartCustomParameters_CarryTheKeyAndTheNumbers_NextToTheCallersOwn()
    {
        var parameters = (Twilio() with { CustomParameters = new Dictionary<string, string> { ["topic"] = "billing" } }).StartCustomParameters();

        Assert.Equal(new Dictionary<string, string> { ["topic"] = "billing", ["api_key"] = "dg_sim-key", ["from"] = "+1", ["to"] = "+2", ["callId"] = "sip-9" }, parameters);
        Assert.False((Twilio() with { ApiKey = "" }).StartCustomParameters().ContainsKey("api_key"));
        Assert.Empty((Twilio() with { Provider = SimulatedProvider.Cloudonix }).StartCustomParameters());
    }

    [Fact]
    public void Signature_IsTwiliosHmacSha1OfTheStreamUrl_OnlyWhenGivenTheToken()
    {
        var options = Twilio() with { TwilioAuthToken = "tok-123" };
        var url = AgentStreamUrl.For(options);
#pragma warning disable CA5350 // Twilio's signature is HMAC-SHA1 by definition.
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes("tok-123"));
#pragma warning restore CA5350

        Assert.Equal(Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(url.AbsoluteUri))), options.TwilioSignatureHeader(url));
        Assert.Equal("wrong", (options with { TwilioSignatureOverride = "wrong" }).TwilioSignatureHeader(url));
        Assert.Null(Twilio().TwilioSignatureHeader(url));
        Assert.Null((options with { Provider = SimulatedProvider.Cloudonix }).TwilioSignatureHeader(url));
    }

    [Fact]
    public void Printing_TheOptions_ShowsNoSecret()
    {
        var text = (Twilio() with { TwilioAuthToken = "tok-secret-123", Session = "cx-secret-456" }).ToString();

        Assert.Contains("Twilio", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-secret-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cx-secret-456", text, StringComparison.Ordinal);
        Assert.DoesNotContain("dg_sim-key", text, StringComparison.Ordinal);
    }
}
