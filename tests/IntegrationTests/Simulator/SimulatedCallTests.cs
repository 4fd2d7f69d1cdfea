using System.Text.Json;
using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Simulator;

/// <summary>The simulator itself, against a stand-in echo agent: what it sends, when, and what it reports.</summary>
public sealed class SimulatedCallTests
{
    internal static SimulatedCallOptions Options(EchoAgentServer server, int frames) => new()
    {
        ServerBaseAddress = server.BaseAddress,
        AgentUuid = "agent-1",
        ApiKey = "dg_test_key",
        OutboundFrames = ToneGenerator.SineFrames(440, 8000, TimeSpan.FromMilliseconds(20 * frames)),
        HoldAfterAudio = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Call_AgainstEchoAgent_GetsItsOwnAudioBackSampleExact_AndLosesNothing()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 20);

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(1000, result.CloseCode);
        Assert.True(result.StopSent);
        Assert.Equal(20, result.FramesSent);
        Assert.Equal(options.OutboundFrames, result.ReceivedFrames);
        Assert.Equal(20, result.ReceivedFrameCount);
        Assert.Equal(19, result.ReceivedFrameIntervals.Count);
        Assert.Equal(0, result.FramesLost);
        Assert.True(result.Connected);
        Assert.True(result.ConnectTime > TimeSpan.Zero);
        Assert.NotNull(result.FirstAudioTime);
        Assert.Equal(0, result.UnrecognizedMessages);
    }

    [Fact]
    public async Task Frames_AreSentAtRealTimePace_NotDumped()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { Echo = false });

        var result = await SimulatedCall.RunAsync(Options(server, 40), TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var arrivals = server.SingleCall().MediaArrivals.ToArray();
        Assert.Equal(40, arrivals.Length);
        // 40 frames on an absolute 20 ms schedule span at least 39 × 20 ms: the schedule cannot run early.
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromMilliseconds(39 * 20 - 15), $"span {arrivals[^1] - arrivals[0]}");
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => (b - a).TotalMilliseconds).Order().ToArray();
        var median = gaps[gaps.Length / 2];
        Assert.InRange(median, 8, 40);
    }

    [Fact]
    public async Task Messages_FollowTheCloudonixWireFormat_WithIncrementingStringSequenceNumbers()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 12) with
        {
            AccountSid = "acme",
            Session = "bearer-token-1",
            From = "+15550001111",
            To = "+15550002222",
            CallId = "sip-1@pbx",
            CustomParameters = new Dictionary<string, string> { ["lang"] = "en" },
            Dtmf = [(TimeSpan.FromMilliseconds(60), '5')],
        };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var call = server.SingleCall();
        Assert.Equal("/api/v1/agent-stream/agent-1", call.Path);
        Assert.Equal("dg_test_key", call.Query["api_key"]);
        Assert.Equal("cloudonix", call.Query["provider"]);
        Assert.Equal("bearer-token-1", call.Query["session"]);
        Assert.Equal("acme", call.Query["AccountSid"]);
        Assert.Equal(options.CallSid, call.Query["CallSid"]);
        Assert.Equal("+15550001111", call.Query["from"]);
        Assert.Equal("+15550002222", call.Query["to"]);
        Assert.Equal("sip-1@pbx", call.Query["callId"]);

        var messages = call.Messages.Select(m => JsonDocument.Parse(m).RootElement).ToArray();
        Assert.Equal("connected", messages[0].GetProperty("event").GetString());
        Assert.Equal("Call", messages[0].GetProperty("protocol").GetString());
        var start = messages[1];
        Assert.Equal("start", start.GetProperty("event").GetString());
        Assert.Equal("1", start.GetProperty("sequenceNumber").GetString());
        var streamSid = start.GetProperty("streamSid").GetString()!;
        Assert.StartsWith("MZ", streamSid, StringComparison.Ordinal);
        Assert.Equal(result.StreamSid, streamSid);
        var body = start.GetProperty("start");
        Assert.Equal(streamSid, body.GetProperty("streamSid").GetString());
        Assert.Equal("acme", body.GetProperty("accountSid").GetString());
        Assert.Equal(options.CallSid, body.GetProperty("callSid").GetString());
        Assert.Equal("inbound", Assert.Single(body.GetProperty("tracks").EnumerateArray()).GetString());
        Assert.Equal("audio/x-mulaw", body.GetProperty("mediaFormat").GetProperty("encoding").GetString());
        Assert.Equal(8000, body.GetProperty("mediaFormat").GetProperty("sampleRate").GetInt32());
        Assert.Equal(1, body.GetProperty("mediaFormat").GetProperty("channels").GetInt32());
        Assert.Equal("en", body.GetProperty("customParameters").GetProperty("lang").GetString());

        // Every message after connected carries the stream and the next sequence number, as a string.
        var sequence = messages.Skip(1).Select(m => m.GetProperty("sequenceNumber").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(1, sequence.Length).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), sequence);
        Assert.All(messages.Skip(1), m => Assert.Equal(streamSid, m.GetProperty("streamSid").GetString()));

        var media = messages.Where(m => m.GetProperty("event").GetString() == "media").ToArray();
        Assert.Equal(12, media.Length);
        for (var i = 0; i < media.Length; i++)
        {
            var payload = media[i].GetProperty("media");
            Assert.Equal("inbound", payload.GetProperty("track").GetString());
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), payload.GetProperty("chunk").GetString());
            Assert.Equal((i * 20).ToString(System.Globalization.CultureInfo.InvariantCulture), payload.GetProperty("timestamp").GetString());
            Assert.Equal(options.OutboundFrames[i], Convert.FromBase64String(payload.GetProperty("payload").GetString()!));
        }

        var dtmf = Assert.Single(messages, m => m.GetProperty("event").GetString() == "dtmf").GetProperty("dtmf");
        Assert.Equal("inbound_track", dtmf.GetProperty("track").GetString());
        Assert.Equal("5", dtmf.GetProperty("digit").GetString());

        var stop = messages[^1];
        Assert.Equal("stop", stop.GetProperty("event").GetString());
        Assert.Equal("acme", stop.GetProperty("stop").GetProperty("accountSid").GetString());
        Assert.Equal(options.CallSid, stop.GetProperty("stop").GetProperty("callSid").GetString());
    }

    [Fact]
    public async Task ProviderInPath_PutsCloudonixInThePath_AndNotInTheQuery()
    {
        await using var server = await EchoAgentServer.StartAsync();

        var result = await SimulatedCall.RunAsync(Options(server, 3) with { ProviderInPath = true }, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var call = server.SingleCall();
        Assert.Equal("/api/v1/agent-stream/cloudonix/agent-1", call.Path);
        Assert.False(call.Query.ContainsKey("provider"));
    }

    [Fact]
    public async Task Marks_AreReportedAndEchoedBackInOrder()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { MarkEveryFrames = 10 });

        // The caller stays on long after its last frame: a mark is only echoed once the audio before it has played,
        // and on a loaded machine the echoes (and so the playout) can lag well behind the frames sent.
        var result = await SimulatedCall.RunAsync(Options(server, 30) with { HoldAfterAudio = TimeSpan.FromSeconds(2) },
            TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(["m1", "m2", "m3"], result.ReceivedMarks);
        Assert.Equal(["m1", "m2", "m3"], result.EchoedMarks);
        Assert.Equal(["m1", "m2", "m3"], server.SingleCall().MarkEchoes.Select(m => m.Name));
    }

    [Fact]
    public async Task Mark_IsEchoedOnlyOnceTheAudioBeforeItHasPlayed()
    {
        // One second of agent audio arrives at once, then a mark: a real phone plays that second before the echo.
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { BurstFrames = 50 });

        var result = await SimulatedCall.RunAsync(Options(server, 0) with { HoldAfterAudio = TimeSpan.FromSeconds(3) },
            TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(50, result.ReceivedFrameCount);
        var call = server.SingleCall();
        var sent = Assert.Single(call.MarksSent);
        var echo = Assert.Single(call.MarkEchoes);
        Assert.Equal("burst", echo.Name);
        Assert.True(echo.At - sent.At >= TimeSpan.FromMilliseconds(800), $"echoed {echo.At - sent.At} after the mark");
    }

    [Fact]
    public async Task Clear_EchoesPendingMarksAtOnce()
    {
        // Two seconds of audio and a mark, then clear: the mark must come back long before the audio could have played.
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour
        {
            BurstFrames = 100,
            ClearAfterBurst = TimeSpan.FromMilliseconds(100),
        });

        // Held past the two seconds of playout, so an echo that waited for it would be seen (and fail the bound below).
        var result = await SimulatedCall.RunAsync(Options(server, 0) with { HoldAfterAudio = TimeSpan.FromSeconds(2.5) },
            TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(1, result.ClearsReceived);
        var call = server.SingleCall();
        var echo = Assert.Single(call.MarkEchoes);
        Assert.NotNull(call.ClearSentAt);
        Assert.True(echo.At >= call.ClearSentAt);
        Assert.True(echo.At - call.MarksSent.Single().At < TimeSpan.FromSeconds(1.2), $"echoed {echo.At - call.MarksSent.Single().At} after the mark");
    }

    [Fact]
    public async Task WithEchoMarksOff_MarksAreReportedButNotEchoed()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { MarkEveryFrames = 5 });

        var result = await SimulatedCall.RunAsync(Options(server, 10) with { EchoMarks = false }, TestContext.Current.CancellationToken);

        Assert.Equal(["m1", "m2"], result.ReceivedMarks);
        Assert.Empty(result.EchoedMarks);
        Assert.Empty(server.SingleCall().MarkEchoes);
    }

    [Fact]
    public async Task Dtmf_DigitsAreSentInOrder()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 10) with { Dtmf = [(TimeSpan.FromMilliseconds(150), '#'), (TimeSpan.FromMilliseconds(50), '1')] };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(2, result.DigitsSent);
        Assert.Equal(['1', '#'], server.SingleCall().Digits);
    }

    [Fact]
    public async Task ExtraMessages_AreSentVerbatimMidCall()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 10) with { ExtraMessages = [(TimeSpan.FromMilliseconds(100), "{not json")] };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var messages = server.SingleCall().Messages.ToArray();
        var malformedAt = Array.IndexOf(messages, "{not json");
        Assert.True(malformedAt > 2, "the extra message arrives after the handshake, among the media");
        Assert.Equal(10, result.ReceivedFrameCount);
        Assert.Equal(1000, result.CloseCode);
    }

    [Fact]
    public async Task WithoutStop_TheCallLastsUntilTheAgentEndsIt()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { EndCallAfterFrames = 8, MarkEveryFrames = 0 });
        var options = Options(server, 100) with { SendStop = false, MaxCallDuration = TimeSpan.FromSeconds(20) };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        Assert.Equal(1000, result.CloseCode);
        Assert.False(result.StopSent);
        Assert.False(result.ReachedMaxDuration);
        Assert.InRange(result.FramesSent, 8, 30);
        Assert.Empty(server.SingleCall().Events("stop"));
    }

    [Fact]
    public async Task WithoutStop_MaxCallDurationEndsTheCall()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 5) with { SendStop = false, MaxCallDuration = TimeSpan.FromMilliseconds(400) };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.True(result.ReachedMaxDuration);
        Assert.False(result.StopSent);
        Assert.Null(result.Error);
        Assert.Empty(server.SingleCall().Events("stop"));
    }

    [Fact]
    public async Task RefusedAdmission_IsAReportedCloseCode_NotAnError()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { RejectWith = 1008 });

        var result = await SimulatedCall.RunAsync(Options(server, 50), TestContext.Current.CancellationToken);

        Assert.Equal(1008, result.CloseCode);
        Assert.Equal("refused", result.CloseReason);
        Assert.True(result.Connected);
        Assert.Null(result.Error);
        Assert.Equal(0, result.ReceivedFrameCount);
        Assert.True(result.Duration < TimeSpan.FromSeconds(1), $"took {result.Duration}");
    }

    [Fact]
    public async Task ServerThatDoesNotCloseAfterStop_IsAbortedAfterTheCloseTimeout_AndReported()
    {
        await using var server = await EchoAgentServer.StartAsync(new EchoAgentBehaviour { IgnoreStop = true });
        var options = Options(server, 5) with { CloseTimeout = TimeSpan.FromMilliseconds(300) };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.True(result.StopSent);
        Assert.Null(result.CloseCode);
        var error = Assert.IsType<TimeoutException>(result.Error);
        Assert.Contains("after stop", error.Message, StringComparison.Ordinal);
        Assert.True(result.Duration < TimeSpan.FromSeconds(3), $"took {result.Duration}");
    }

    [Fact]
    public async Task ConnectRefusedByHttp_ReportsTheStatusAsAnError()
    {
        // A plain HTTP server without the endpoint: the upgrade is answered 404.
        await using var notAnAgent = await FakeCloudonixApi.StartAsync();
        var options = new SimulatedCallOptions { ServerBaseAddress = notAnAgent.BaseAddress, AgentUuid = "a", ApiKey = "k" };

        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);

        Assert.False(result.Connected);
        Assert.NotNull(result.Error);
        Assert.Equal(404, result.HttpStatusCode);
        Assert.Null(result.CloseCode);
    }

    [Fact]
    public async Task Cancellation_EndsTheCallPromptly_AndIsReportedAsItsError()
    {
        await using var server = await EchoAgentServer.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await SimulatedCall.RunAsync(Options(server, 500), cancel.Token);

        Assert.IsAssignableFrom<OperationCanceledException>(result.Error);
        Assert.True(result.Duration < TimeSpan.FromSeconds(3), $"took {result.Duration}");
        Assert.InRange(result.FramesSent, 1, 100);
    }

    [Fact]
    public async Task WithoutKeepingAudio_CountsAndIntervalsAreStillKept()
    {
        await using var server = await EchoAgentServer.StartAsync();

        var result = await SimulatedCall.RunAsync(Options(server, 10) with { KeepReceivedAudio = false }, TestContext.Current.CancellationToken);

        Assert.Empty(result.ReceivedFrames);
        Assert.Equal(10, result.ReceivedFrameCount);
        Assert.Equal(9, result.ReceivedFrameIntervals.Count);
        Assert.Equal(0, result.FramesLost);
    }

    [Fact]
    public async Task ReceivedAudio_DecodesAndSavesAsWav()
    {
        await using var server = await EchoAgentServer.StartAsync();
        var options = Options(server, 10);
        var result = await SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);
        var path = Path.Combine(Path.GetTempPath(), $"received-{Guid.NewGuid():N}.wav");

        try
        {
            result.SaveReceivedAudio(path);

            var saved = WavFile.ReadSamples(path);
            Assert.Equal(MuLawFrames.ToPcm(options.OutboundFrames), saved);
            Assert.Equal(saved, result.DecodeReceivedAudio());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FramesLost_DiscountsTheAgentsLeadingSilence()
    {
        var result = new CallResult { CallSid = "CA1", StreamSid = "MZ1", FramesSent = 10, ReceivedFrameCount = 12, LeadingSilentFrames = 3 };

        Assert.Equal(1, result.FramesLost);
        Assert.Equal(0, (result with { ReceivedFrameCount = 20 }).FramesLost);
    }

    [Fact]
    public void FramesLost_IsNotCounted_WhenNoEchoIsExpected()
    {
        var result = new CallResult { CallSid = "CA1", StreamSid = "MZ1", FramesSent = 200, ReceivedFrameCount = 50, CountsLostFrames = false };

        Assert.Equal(0, result.FramesLost);
        Assert.Equal(150, (result with { CountsLostFrames = true }).FramesLost);
    }
}
