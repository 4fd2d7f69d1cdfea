using CleanAgent.CallSimulator.Cli;

namespace CleanAgent.IntegrationTests.Telephony;

/// <summary><c>call --provider twilio</c> against the real host, signing as Twilio and hung up through the fake REST API.</summary>
public sealed class TwilioSimulatorCliTests(TwilioHostFixture fixture) : IClassFixture<TwilioHostFixture>
{
    [Fact]
    public async Task Call_AsTwilio_WithTheAuthToken_IsAdmitted_AndTheAgentsHangUpReachesTwilio()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(
            ["call", "--provider", "twilio", "--url", fixture.Host.BaseAddress.ToString(), "--agent", tenant.AgentUuid.ToString(),
             "--api-key", tenant.ApiKey.Value, "--account-sid", fixture.AccountSid, "--twilio-auth-token", fixture.AuthToken,
             "--seconds", "0.2", "--dtmf", "#@0.1", "--no-stop", "--max-seconds", "20"],
            stdout, stderr);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains("1000×1", stdout.ToString(), StringComparison.Ordinal);
        var hangup = Assert.Single(fixture.Twilio.Hangups, h => h.AccountSid == fixture.AccountSid && h.Succeeded && (fixture.AccountSid, fixture.AuthToken) == h.BasicCredentials);
        Assert.StartsWith("CA", hangup.CallSid, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AuthToken, stdout + stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AsTwilio_WithAWrongToken_IsRefused1008()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);
        using var stdout = new StringWriter();

        await CallSimulatorCli.RunAsync(
            ["call", "--provider", "twilio", "--url", fixture.Host.BaseAddress.ToString(), "--agent", tenant.AgentUuid.ToString(),
             "--api-key", tenant.ApiKey.Value, "--twilio-auth-token", "not-the-token", "--seconds", "0.1"],
            stdout, new StringWriter());

        Assert.Contains("1008×1", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--twilio-auth-token", "t")]
    [InlineData("--fake-twilio-port", "0")]
    public async Task TwilioOptions_WithoutProviderTwilio_AreAUsageError(string option, string value)
    {
        using var stderr = new StringWriter();

        var exit = await CallSimulatorCli.RunAsync(["call", "--url", "ws://127.0.0.1:1", "--agent", "a", "--api-key", "k", option, value], new StringWriter(), stderr);

        Assert.NotEqual(0, exit);
        Assert.Contains("--provider twilio", stderr.ToString(), StringComparison.Ordinal);
    }
}
