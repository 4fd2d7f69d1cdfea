using System.Text;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Telephony;

/// <summary>
/// Whole Twilio calls against the real host, placed by the call simulator as Twilio's <c>&lt;Connect&gt;&lt;Stream&gt;</c>
/// places them: no query string, the key in <c>start.customParameters</c>, the upgrade signed with the auth token.
/// </summary>
public sealed class TwilioCallTests(TwilioHostFixture fixture) : IClassFixture<TwilioHostFixture>
{
    private const int OneSecondOfFrames = 50;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutStoredCredentials_AnUnsignedCallIsAdmitted_AndEndingItOnlyClosesTheSocket_AfterTheLastWords()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: false);
        var options = fixture.TwilioCallTo(tenant) with
        {
            TwilioAuthToken = null,
            OutboundFrames = TestAudio.Noise(25),
            Dtmf = [(TimeSpan.FromMilliseconds(500), '#')],
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(20),
        };

        var call = await SimulatedCall.RunAsync(options, Cancellation);

        Assert.Null(call.Error);
        Assert.Equal(1000, call.CloseCode);
        Assert.Contains(MediaSession.FinalMarkName, call.EchoedMarks);
        Assert.True(call.ReceivedFrames.Count >= OneSecondOfFrames + 25, $"received {call.ReceivedFrames.Count} frames");
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.AgentEnded), (run.State, run.EndReason));
        // The session hangs up before it closes, so by the close any hang-up request would have been recorded.
        Assert.DoesNotContain(fixture.Twilio.Hangups, h => h.CallSid == options.CallSid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task StartWithoutTheApiKey_Is1008_AndLeavesNoRun(string apiKey)
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: false);

        var call = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { ApiKey = apiKey, TwilioAuthToken = null }, Cancellation);

        Assert.Equal(1008, call.CloseCode);
        Assert.Equal("Invalid or missing API key.", call.CloseReason);
        Assert.Empty(await fixture.RunsAsync(tenant));
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
    }

    [Theory]
    [InlineData(null)] // no header at all
    [InlineData("")]
    [InlineData("bm90IGEgdHdpbGlvIHNpZ25hdHVyZSE=")]
    public async Task WithStoredCredentials_AMissingOrWrongSignature_Is1008_AndLeavesNoRun(string? signature)
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);
        var options = fixture.TwilioCallTo(tenant) with { TwilioAuthToken = null, TwilioSignatureOverride = signature };

        var call = await SimulatedCall.RunAsync(options, Cancellation);

        Assert.Equal(1008, call.CloseCode);
        Assert.Equal("Invalid X-Twilio-Signature.", call.CloseReason);
        Assert.Empty(await fixture.RunsAsync(tenant));
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
    }

    [Fact]
    public async Task SignatureMadeWithAnotherToken_Is1008()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);

        var call = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { TwilioAuthToken = "someone-elses-auth-token" }, Cancellation);

        Assert.Equal(1008, call.CloseCode);
        Assert.Empty(await fixture.RunsAsync(tenant));
    }

    [Fact]
    public async Task WithStoredCredentials_AGoodSignature_IsAdmitted()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);

        var call = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { OutboundFrames = TestAudio.Noise(5), HoldAfterAudio = TimeSpan.FromMilliseconds(200) }, Cancellation);

        Assert.Equal(1000, call.CloseCode);
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.UserHangup), (run.State, run.EndReason));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("CA1/../../Messages")]
    public async Task CallSidThatWouldMoveTheHangupUrl_Is4400_AndLeavesNoRun(string callSid)
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);

        var call = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { CallSid = callSid }, Cancellation);

        Assert.Equal(4400, call.CloseCode);
        Assert.Contains("start.callSid", call.CloseReason, StringComparison.Ordinal);
        Assert.Empty(await fixture.RunsAsync(tenant));
        Assert.DoesNotContain(fixture.Twilio.Hangups, h => h.CallSid == callSid);
    }

    [Fact]
    public async Task QuotaExceeded_OverTwilio_Is1008_AndLeavesAFailedQuotaExceededTwilioRun()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true, monthlyMinutes: 0);

        var call = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant), Cancellation);

        Assert.Equal(1008, call.CloseCode);
        Assert.Contains("minutes", call.CloseReason, StringComparison.OrdinalIgnoreCase);
        var run = Assert.Single(await Eventually.Until(() => fixture.RunsAsync(tenant), runs => runs.Count == 1));
        Assert.Equal((WorkflowRunState.Failed, RunEndReason.QuotaExceeded), (run.State, run.EndReason));
        Assert.Equal(CallMode.Of("twilio"), run.Mode);
        Assert.Equal(fixture.AccountSid, run.InitialContext["account_sid"]);
        Assert.False(run.InitialContext.ContainsKey("api_key"));
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
    }

    [Fact]
    public async Task TheAuthTokenAndTheApiKey_NeverReachTheLogs_NorTheDatabaseFiles()
    {
        var tenant = await fixture.EchoTenantAsync(storeCredentials: true);
        var wrongKey = "dg_wrong" + Guid.NewGuid().ToString("N");

        // A full call ended by the agent (signature checked, REST hang-up with the token), and one of each refusal.
        var ended = await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with
        {
            OutboundFrames = TestAudio.Noise(5),
            Dtmf = [(TimeSpan.FromMilliseconds(100), '#')],
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(20),
            CustomParameters = new Dictionary<string, string> { ["topic"] = "secrets-check" },
        }, Cancellation);
        Assert.Equal(1000, ended.CloseCode);
        await fixture.Twilio.WaitForHangupAsync(ended.CallSid, TimeSpan.FromSeconds(5));
        Assert.Equal(1008, (await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { TwilioSignatureOverride = "AAAA" }, Cancellation)).CloseCode);
        Assert.Equal(1008, (await SimulatedCall.RunAsync(fixture.TwilioCallTo(tenant) with { ApiKey = wrongKey }, Cancellation)).CloseCode);
        await fixture.EndedRunAsync(tenant);

        var logs = fixture.Host.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Contains(ended.CallSid, StringComparison.Ordinal)); // the capture does see this call's lines
        Assert.DoesNotContain(logs, l => l.Contains(fixture.AuthToken, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(tenant.ApiKey.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(tenant.ApiKey.Value[3..], StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(wrongKey, StringComparison.Ordinal));

        await fixture.Host.Query(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
        var database = ((SqliteTestDatabase)fixture.Database).ReadAllFiles();
        Assert.NotEqual(-1, IndexOf(database, "secrets-check")); // the search itself works: the custom parameter is there
        Assert.Equal(-1, IndexOf(database, fixture.AuthToken));
        Assert.Equal(-1, IndexOf(database, tenant.ApiKey.Value));
        Assert.Equal(-1, IndexOf(database, wrongKey));
    }

    private static int IndexOf(byte[] haystack, string needle)
    {
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            var index = haystack.AsSpan().IndexOf(encoding.GetBytes(needle));
            if (index >= 0) return index;
        }

        return -1;
    }
}
