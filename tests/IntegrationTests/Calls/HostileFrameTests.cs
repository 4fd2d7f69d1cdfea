using System.Net.WebSockets;
using System.Text;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// Frames a hostile or broken provider sends mid-call, through the real socket to the echo agent: none of them may
/// end the call, except a frame that breaks the WebSocket protocol itself, which must not pass for a hang-up.
/// </summary>
public abstract class HostileFrameTests(MediaHostFixture fixture, Caller caller)
{
    private const int OneSecondOfFrames = 50;

    private Task<Tenant> EchoTenantAsync() => fixture.TenantAsync(caller);

    [Fact]
    public async Task OversizedMessage_EndingInAHash_IsDiscardedWhole_AndDoesNotEndTheCall()
    {
        var tenant = await EchoTenantAsync();
        var sent = TestAudio.Noise(40);
        // 140,047 bytes: far over the 64 KB limit, its tail a valid '#' that would end the call if it were read alone.
        var oversized = new string(' ', 140_047 - 38) + """{"event":"dtmf","dtmf":{"digit":"#"}}""";
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = sent,
            HoldAfterAudio = TimeSpan.FromSeconds(2),
            ExtraMessages = [(TimeSpan.FromMilliseconds(200), oversized)],
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(call.Error);
        Assert.Equal(1000, call.CloseCode);
        Assert.True(call.StopSent, "the server ended the call before the caller hung up");
        Assert.Equal(MuLawFrames.ToPcm(sent), MuLawFrames.ToPcm(call.ReceivedFrames.Skip(OneSecondOfFrames).Take(sent.Count)));
        Assert.Empty(fixture.HangupsOf(options));
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.UserHangup), (run.State, run.EndReason));
    }

    [Fact]
    public async Task StopAndHashOfAnotherStream_AreNotObeyed()
    {
        var tenant = await EchoTenantAsync();
        var sent = TestAudio.Noise(40);
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = sent,
            HoldAfterAudio = TimeSpan.FromSeconds(2),
            ExtraMessages =
            [
                (TimeSpan.FromMilliseconds(200), """{"event":"dtmf","streamSid":"MZ-someone-else","dtmf":{"track":"inbound_track","digit":"#"}}"""),
                (TimeSpan.FromMilliseconds(300), """{"event":"stop","streamSid":"MZ-someone-else","stop":{"accountSid":"acme","callSid":"CA-x"}}"""),
            ],
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(call.Error);
        Assert.True(call.StopSent, "the server ended the call on another stream's message");
        Assert.Equal(MuLawFrames.ToPcm(sent), MuLawFrames.ToPcm(call.ReceivedFrames.Skip(OneSecondOfFrames).Take(sent.Count)));
        Assert.Empty(fixture.HangupsOf(options));
        Assert.Equal(RunEndReason.UserHangup, (await fixture.EndedRunAsync(tenant)).EndReason);
    }

    [Fact]
    public async Task InvalidUtf8TextFrame_Closes1007_AndTheRunFailsProtocolError_NotAHangup()
    {
        var tenant = await EchoTenantAsync();
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = TestAudio.Noise(100),
            RawFrames = [(TimeSpan.FromMilliseconds(300), [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d], WebSocketMessageType.Text)],
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        // .NET's WebSocket sends the 1007 and aborts the connection at once; on a loaded machine the abort can overtake
        // the close frame in Kestrel's output (the unit test over in-memory pipes shows the 1007 itself). Either way
        // the call is over — and it is not a hang-up.
        Assert.True(call.CloseCode is 1007 or null, $"closed {call.CloseCode}");
        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal((WorkflowRunState.Failed, RunEndReason.ProtocolError), (run.State, run.EndReason));
        Assert.Equal(0, await fixture.ReservationsAsync(tenant));
    }

    [Fact]
    public async Task BinaryFramesOfAnyContent_AreIgnored()
    {
        var tenant = await EchoTenantAsync();
        var sent = TestAudio.Noise(30);
        var options = fixture.CallTo(caller, tenant) with
        {
            OutboundFrames = sent,
            HoldAfterAudio = TimeSpan.FromSeconds(2),
            RawFrames =
            [
                (TimeSpan.FromMilliseconds(100), Encoding.UTF8.GetBytes("""{"event":"stop"}"""), WebSocketMessageType.Binary),
                (TimeSpan.FromMilliseconds(150), [0xff, 0xfe, 0x00], WebSocketMessageType.Binary),
                (TimeSpan.FromMilliseconds(200), new byte[100_000], WebSocketMessageType.Binary),
            ],
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.True(call.StopSent);
        Assert.Equal(MuLawFrames.ToPcm(sent), MuLawFrames.ToPcm(call.ReceivedFrames.Skip(OneSecondOfFrames).Take(sent.Count)));
        Assert.Equal(RunEndReason.UserHangup, (await fixture.EndedRunAsync(tenant)).EndReason);
    }
}

public sealed class CloudonixHostileFrameTests(MediaHostFixture fixture) : HostileFrameTests(fixture, Caller.Cloudonix), IClassFixture<MediaHostFixture>;

public sealed class TwilioHostileFrameTests(MediaHostFixture fixture) : HostileFrameTests(fixture, Caller.Twilio), IClassFixture<MediaHostFixture>;
