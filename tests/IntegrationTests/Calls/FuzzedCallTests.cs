using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// An admitted call receives thousands of hostile frames (<see cref="MediaStreamFuzzer"/>) interleaved with its real
/// audio: it stays up, keeps echoing every real frame in order, ends normally on <c>#</c>, and leaves no memory behind.
/// The seed is fixed (and printed on failure); set <c>CLEANAGENT_FUZZ_SEED</c> to try another.
/// </summary>
[Collection(WholeMachineCollection.Name)]
public sealed class FuzzedCallTests(MediaHostFixture fixture) : IClassFixture<MediaHostFixture>
{
    private const int FuzzFrames = 3000;
    private const int AudioFrames = 250; // five seconds
    private const int OneSecondOfFrames = 50;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("CLEANAGENT_FUZZ_SEED"), out var seed) ? seed : 20261201;

    [Fact]
    public async Task ThousandsOfHostileFrames_MidCall_NeitherEndNorStallTheCall_AndLeaveNoMemoryBehind()
    {
        var seed = Seed;
        var tenant = await fixture.Host.CreateTenantAsync(kind: AgentKind.Echo);
        // A first fuzzed call warms what is meant to stay: JIT-compiled code, and the process's array pools, which the
        // test's own client fills with the buffers of its oversized sends (it shares the process with the server).
        await RunFuzzedCallAsync(tenant, seed + 1, FuzzFrames, audioFrames: 50);
        var before = ManagedHeapBytes();

        var call = await RunFuzzedCallAsync(tenant, seed, FuzzFrames, AudioFrames);
        var after = ManagedHeapBytes();
        TestContext.Current.TestOutputHelper?.WriteLine($"managed heap before {before / 1024} KB, after {after / 1024} KB; {call.ReceivedFrames} frames heard");

        var context = $"(seed {seed}; CLEANAGENT_FUZZ_SEED={seed} reproduces it)";
        Assert.True(call.Error is null, $"{call.Error} {context}");
        Assert.True(call.CloseCode == 1000, $"closed {call.CloseCode} '{call.CloseReason}' {context}");
        Assert.True(call.FinalMarkReceived, $"the call did not end with the agent's final mark {context}");
        Assert.True(call.EveryFrameEchoed, $"not every real frame came back, in order, among {call.ReceivedFrames} received {context}");
        var hangup = await fixture.Cloudonix.WaitForHangupAsync(call.CallSid, TimeSpan.FromSeconds(5));
        Assert.True(hangup.Succeeded);
        var run = await Eventually.Until(
            () => fixture.Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).OrderByDescending(r => r.CreatedAt).FirstAsync()),
            r => r.IsEnded);
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.AgentEnded), (run.State, run.EndReason));
        Assert.True(after - before < 8 * 1024 * 1024, $"the managed heap grew by {(after - before) / 1024} KB over the call {context}");
    }

    private sealed record FuzzedCall(string CallSid, int? CloseCode, string? CloseReason, Exception? Error, bool FinalMarkReceived, bool EveryFrameEchoed, int ReceivedFrames);

    /// <summary>Runs one call and keeps only its verdicts: the frames sent and heard are gone before the heap is measured.</summary>
    private async Task<FuzzedCall> RunFuzzedCallAsync(Tenant tenant, int seed, int fuzzFrames, int audioFrames)
    {
        var audio = TestAudio.Noise(audioFrames, seed);
        var fuzz = MediaStreamFuzzer.Frames(seed, fuzzFrames);
        var audioLength = TimeSpan.FromMilliseconds(20 * audioFrames);
        var options = fixture.CallTo(tenant) with
        {
            OutboundFrames = audio,
            RawFrames = fuzz.Select((frame, i) => (audioLength * i / fuzz.Count, frame.Bytes, frame.Type)).ToList(),
            // '#' once the audio is out and its echo (one second behind) has played.
            Dtmf = [(audioLength + TimeSpan.FromSeconds(1.5), '#')],
            SendStop = false,
            MaxCallDuration = audioLength + TimeSpan.FromSeconds(20),
        };

        var call = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);
        return new FuzzedCall(options.CallSid, call.CloseCode, call.CloseReason, call.Error,
            call.ReceivedMarks.Contains(MediaSession.FinalMarkName),
            IsInOrderWithin(audio, call.ReceivedFrames.Skip(OneSecondOfFrames).ToList()), call.ReceivedFrames.Count);
    }

    /// <summary>
    /// Every sent frame comes back, as audio (μ-law has two codes for zero), within what was heard and in the same
    /// order. Fuzz frames that happen to be valid media (1, 159, 161 bytes…) add audio in between and shift the frame
    /// boundaries, so the search is over samples, not frames.
    /// </summary>
    private static bool IsInOrderWithin(IReadOnlyList<byte[]> sent, IReadOnlyList<byte[]> received)
    {
        ReadOnlySpan<short> heard = MuLawFrames.ToPcm(received);
        foreach (var frame in sent)
        {
            var at = heard.IndexOf(MuLawFrames.ToPcm([frame]));
            if (at < 0) return false;
            heard = heard[(at + frame.Length)..];
        }

        return true;
    }

    private static long ManagedHeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
