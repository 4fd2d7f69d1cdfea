using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// Whole calls through the media session with the diagnostic echo agent, placed by the call simulator exactly as
/// Cloudonix would, and as Twilio would, against the real host.
/// </summary>
public abstract class EchoCallTests(MediaHostFixture fixture, Caller caller)
{
    private const int OneSecondOfFrames = 50;

    private static IReadOnlyList<byte[]> Noise(int frames) => TestAudio.Noise(frames);

    private Task<Tenant> EchoTenantAsync(int? limit = null) => fixture.TenantAsync(caller, AgentKind.Echo, limit);

    /// <summary>What the platform's hang-up authenticates with: never in a log line.</summary>
    private string PlatformSecret(SimulatedCallOptions call) => caller == Caller.Twilio ? fixture.TwilioAuthToken : call.Session;

    [Fact]
    public async Task Echo_PlaysTheCallerBackOneSecondLater_SampleExactAfterMuLawDecode()
    {
        var tenant = await EchoTenantAsync();
        var sent = Noise(100);

        var call = await SimulatedCall.RunAsync(fixture.CallTo(caller, tenant) with { OutboundFrames = sent, HoldAfterAudio = TimeSpan.FromSeconds(2) }, TestContext.Current.CancellationToken);

        Assert.Null(call.Error);
        Assert.Equal(1000, call.CloseCode);
        // One second of silence first (the delay), then every caller frame, in order.
        Assert.True(call.ReceivedFrames.Count >= OneSecondOfFrames + sent.Count, $"received {call.ReceivedFrames.Count} frames");
        Assert.All(call.ReceivedFrames.Take(OneSecondOfFrames), frame => Assert.True(MuLawFrames.IsSilence(frame)));
        var echoed = MuLawFrames.ToPcm(call.ReceivedFrames.Skip(OneSecondOfFrames).Take(sent.Count));
        Assert.Equal(MuLawFrames.ToPcm(sent), echoed);
        Assert.Equal(0, call.FramesLost);

        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
    }

    [Fact]
    public async Task Hash_EndsTheCall_LastAudioPlays_FinalMarkEchoed_ThenHangUp_ThenClose1000()
    {
        var tenant = await EchoTenantAsync();
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = Noise(25),
            Dtmf = [(TimeSpan.FromMilliseconds(500), '#')],
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(20),
            Session = "cx-bearer-" + Guid.NewGuid().ToString("N"),
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(call.Error);
        Assert.Equal(1000, call.CloseCode);
        Assert.Contains(MediaSession.FinalMarkName, call.ReceivedMarks);
        Assert.Contains(MediaSession.FinalMarkName, call.EchoedMarks);
        // Everything queued before '#' played: the second of silence and the 25 frames said before it.
        Assert.True(call.ReceivedFrames.Count >= OneSecondOfFrames + 25, $"received {call.ReceivedFrames.Count} frames");
        var hangup = await fixture.WaitForHangupAsync(options);
        Assert.Equal(options.CallSid, hangup.CallSid);
        Assert.Equal(fixture.ExpectedAuthorization(options), hangup.Authorization);
        if (caller == Caller.Cloudonix) Assert.Equal("acme.cloudonix.net", fixture.Cloudonix.Hangups.Single(h => h.CallSid == options.CallSid).Domain);

        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.AgentEnded, run.EndReason);
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));

        // The session waited for the echo (no "did not echo" warning), and the hang-up came after it.
        Assert.DoesNotContain(fixture.Host.Logs.Entries, l => l.Contains($"Run {run.Name}: the provider did not echo", StringComparison.Ordinal));

        // The hang-up carried the bearer token; no log line of the whole call (HTTP client's included) did.
        Assert.Contains(fixture.Host.Logs.Entries, l => l.Contains(options.CallSid, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Host.Logs.Entries, l => l.Contains(PlatformSecret(options), StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Host.Logs.Entries, l => l.Contains(tenant.ApiKey.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProviderThatNeverEchoesTheFinalMark_StillGetsHungUpAndClosed_AfterABoundedWait()
    {
        var tenant = await EchoTenantAsync();
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = Noise(5),
            Dtmf = [(TimeSpan.FromMilliseconds(100), '#')],
            SendStop = false,
            EchoMarks = false,
            MaxCallDuration = TimeSpan.FromSeconds(30),
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(1000, call.CloseCode);
        Assert.Empty(call.EchoedMarks);
        Assert.True((await fixture.WaitForHangupAsync(options)).Succeeded);
        Assert.Equal(RunEndReason.AgentEnded, (await fixture.EndedRunAsync(tenant)).EndReason);
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Contains(fixture.Host.Logs.Entries, l => l.Contains($"Run {run.Name}: the provider did not echo the final mark", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangUp_IsRetriedAfterA503()
    {
        var tenant = await EchoTenantAsync();
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = Noise(5),
            Dtmf = [(TimeSpan.FromMilliseconds(100), '#')],
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(20),
        };
        fixture.FailNextHangups(options, 1, 503);

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(1000, call.CloseCode);
        var attempts = fixture.HangupsOf(options);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(503, attempts[0].StatusReturned);
        Assert.True(attempts[1].Succeeded);
        Assert.Equal(RunEndReason.AgentEnded, (await fixture.EndedRunAsync(tenant)).EndReason);
    }

    [Fact]
    public async Task MalformedFramesMidCall_AreSkipped_AndTheCallGoesOn()
    {
        var tenant = await EchoTenantAsync();
        var sent = Noise(60);
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = sent,
            HoldAfterAudio = TimeSpan.FromSeconds(2),
            ExtraMessages =
            [
                (TimeSpan.FromMilliseconds(200), "{\"event\":\"media\",\"media\":{\"payload\":\"%%% not base64\"}}"),
                (TimeSpan.FromMilliseconds(300), "{this is not json"),
                (TimeSpan.FromMilliseconds(400), "{\"event\":\"media\",\"media\":{\"track\":\"outbound\",\"payload\":\"/////w==\"}}"),
                (TimeSpan.FromMilliseconds(500), "{\"event\":\"something-new\",\"x\":1}"),
                (TimeSpan.FromMilliseconds(600), "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"A\"}}"),
            ],
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Equal(1000, call.CloseCode);
        Assert.Equal(MuLawFrames.ToPcm(sent), MuLawFrames.ToPcm(call.ReceivedFrames.Skip(OneSecondOfFrames).Take(sent.Count)));
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
    }

    [Fact]
    public async Task CallerDrop_ReleasesCapacityWithinASecond()
    {
        var tenant = await EchoTenantAsync(limit: 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));
        var options = fixture.CallTo(caller, tenant) with { OutboundFrames = Noise(500), HoldAfterAudio = TimeSpan.Zero };

        // The caller vanishes mid-call: the simulator's cancellation aborts the socket without a close.
        await SimulatedCall.RunAsync(options, cancel.Token);
        var dropped = DateTime.UtcNow;

        var reservations = await Eventually.Until(() => fixture.ReservationsAsync(tenant), n => n == 0, seconds: 1);
        Assert.Equal(0, reservations);
        Assert.True(DateTime.UtcNow - dropped < TimeSpan.FromSeconds(1.5));
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
    }
}

public sealed class CloudonixEchoCallTests(MediaHostFixture fixture) : EchoCallTests(fixture, Caller.Cloudonix), IClassFixture<MediaHostFixture>;

public sealed class TwilioEchoCallTests(MediaHostFixture fixture) : EchoCallTests(fixture, Caller.Twilio), IClassFixture<MediaHostFixture>;
