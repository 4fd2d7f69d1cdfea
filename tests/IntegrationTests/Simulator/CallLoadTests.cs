using System.Collections.Concurrent;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

public sealed class CallLoadTests
{
    [Fact]
    public async Task ConcurrentCalls_EachWithItsOwnCallSid_AreAggregated()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { MarkEveryFrames = 5 });
        var completed = new ConcurrentBag<int>();

        var report = await CallLoad.RunAsync(new LoadOptions
        {
            Call = SimulatedCallTests.Options(server, 15) with { KeepReceivedAudio = false },
            Calls = 6,
            RampUp = TimeSpan.FromMilliseconds(100),
            CallCompleted = (index, _) => completed.Add(index),
        }, TestContext.Current.CancellationToken);

        Assert.Empty(report.Errors);
        Assert.Equal(6, report.Calls);
        Assert.Equal(6, report.CallsCompleted);
        Assert.Equal(0, report.CallsFailed);
        Assert.Equal(new Dictionary<int, int> { [1000] = 6 }, report.CloseCodes);
        Assert.Equal(0, report.CallsWithoutCloseCode);
        Assert.Equal(90, report.FramesSent);
        Assert.Equal(90, report.FramesReceived);
        Assert.Equal(0, report.FramesLost);
        Assert.Equal(18, report.MarksReceived);
        Assert.Equal(6, report.ConnectTime.Count);
        Assert.Equal(6, report.FirstAudioTime.Count);
        Assert.Equal(6 * 14, report.ReceivedFrameInterval.Count);
        Assert.True(report.ReceivedFrameInterval.P50 <= report.ReceivedFrameInterval.P99);
        Assert.True(report.ReceivedFrameInterval.P99 <= report.ReceivedFrameInterval.Max);
        Assert.Equal(90, report.EchoDelay.Count); // every frame echoed at once by the fake: a delay each
        Assert.InRange(report.EchoDelay.P50, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, report.LargestEchoDelayDrift); // 15 frames a call: too short to judge a drift
        Assert.Equal(Enumerable.Range(0, 6), completed.Order());
        Assert.Equal(6, server.Calls.Select(c => c.Query["CallSid"]).Distinct().Count());
        Assert.Equal(report.Results.Select(r => r.CallSid).Order(), server.Calls.Select(c => c.Query["CallSid"]).Order());
    }

    [Fact]
    public async Task RefusedCalls_ShowUpInTheCloseCodeHistogram_NotAsErrors()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { RejectWith = 1008 });

        var report = await CallLoad.RunAsync(new LoadOptions { Call = SimulatedCallTests.Options(server, 5), Calls = 3 },
            TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<int, int> { [1008] = 3 }, report.CloseCodes);
        Assert.Equal(3, report.CallsCompleted);
        Assert.Equal(0, report.FirstAudioTime.Count);
    }

    [Fact]
    public void DurationSummary_PercentilesAreExactNearestRank()
    {
        var values = Enumerable.Range(1, 100).Select(ms => TimeSpan.FromMilliseconds(ms)).Reverse();

        var summary = DurationSummary.Of(values);

        Assert.Equal(new DurationSummary(100, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(99), TimeSpan.FromMilliseconds(100)), summary);
        Assert.Equal(TimeSpan.FromMilliseconds(10), DurationSummary.Of(Enumerable.Range(1, 10).Select(ms => TimeSpan.FromMilliseconds(ms))).P99);
        Assert.Equal(TimeSpan.FromMilliseconds(7), DurationSummary.Of([TimeSpan.FromMilliseconds(7)]).P50);
        Assert.Equal(DurationSummary.Empty, DurationSummary.Of([]));
    }

    [Fact]
    public void EchoDelayDrift_IsTheLastSecondsMedianMinusTheFirsts_AndTheReportKeepsTheLargestEitherWay()
    {
        static CallResult Call(string sid, double firstMs, double lastMs) => new()
        {
            CallSid = sid,
            StreamSid = "MZ" + sid,
            EchoDelays = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(firstMs), 100), .. Enumerable.Repeat(TimeSpan.FromMilliseconds(lastMs), 100)],
        };
        var stalled = Call("CA1", 1000, 1300); // a stall never caught up on: 300 ms later for the rest of the call
        var early = Call("CA2", 1000, 960);

        Assert.Equal(TimeSpan.FromMilliseconds(300), stalled.EchoDelayDrift);
        Assert.Equal(TimeSpan.FromMilliseconds(-40), early.EchoDelayDrift);
        Assert.Equal(TimeSpan.Zero, (stalled with { EchoDelays = stalled.EchoDelays.Take(99).ToArray() }).EchoDelayDrift);

        var report = LoadReport.From([early, stalled], TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(300), report.LargestEchoDelayDrift);
        Assert.Equal(400, report.EchoDelay.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(1300), report.EchoDelay.Max);
    }
}
