using CleanAgent.Application.Voice.Conversation;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// Whole conversations through the real host: a real WebSocket caller (the simulator, as Cloudonix places calls)
/// sending speech-like audio, the real voice agent, and <see cref="FakeOpenAiApi"/> as every provider, checked at the
/// provider (prompts, tools, placeholders) and in the run that <c>admin get-run</c> prints.
/// </summary>
public sealed class VoiceAgentCallTests(VoiceCallFixture fixture) : IClassFixture<VoiceCallFixture>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private FakeOpenAiApi OpenAi => fixture.OpenAi;

    private Task<CallResult> CallAsync(Tenant tenant, IReadOnlyList<byte[]> audio, bool untilServerEnds = false, IReadOnlyList<(TimeSpan, char)>? dtmf = null) =>
        CallAsync(fixture.CallTo(tenant), audio, untilServerEnds, dtmf);

    private static async Task<CallResult> CallAsync(SimulatedCallOptions placed, IReadOnlyList<byte[]> audio, bool untilServerEnds = false, IReadOnlyList<(TimeSpan, char)>? dtmf = null)
    {
        var call = placed with
        {
            OutboundFrames = audio,
            SendStop = !untilServerEnds,
            HoldAfterAudio = TimeSpan.FromMilliseconds(200),
            MaxCallDuration = TimeSpan.FromSeconds(25),
            Dtmf = dtmf ?? [],
        };
        var result = await SimulatedCall.RunAsync(call, TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        return result;
    }

    [Fact]
    public async Task Greeting_IsSpokenFirst_WithoutAskingTheLlm()
    {
        OpenAi.Reset();
        var tenant = await fixture.VoiceTenantAsync();

        var call = await CallAsync(tenant, VoiceCallFixture.Silence(3 * Second));

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("user_hangup", run.EndReason);
        Assert.Empty(OpenAi.ChatRequests);
        Assert.Equal("Hi, this is Acme.", Assert.Single(OpenAi.SpeechRequests).Input);
        // The fake speaks 65 ms a character: 17 characters are about 55 frames, all of them heard before the hang-up.
        Assert.InRange(call.ReceivedFrameCount, 40, 80);
        Assert.Contains("agent-1-1", call.ReceivedMarks);
        var greeting = Assert.Single(run.Transcript);
        Assert.Equal(("agent", "Hi, this is Acme.", false, "start"), (greeting.Speaker, greeting.Text, greeting.Interrupted, greeting.NodeId));
    }

    [Fact]
    public async Task CallerUtterance_IsTranscribed_AndTheLlmReplyIsSpoken_WithPromptAndPlaceholdersAtTheProvider()
    {
        OpenAi.Reset();
        OpenAi.EnqueueTranscription("What are your opening hours?");
        OpenAi.EnqueueChatReply(FakeChatReply.Text("We open ", "at nine. ", "We close at five.").WithUsage(120, 12));
        var tenant = await fixture.VoiceTenantAsync();

        var call = await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, 1.2 * Second, 5 * Second));

        var run = await fixture.EndedRunDetailsAsync(tenant);
        var request = Assert.Single(OpenAi.ChatRequests);
        Assert.True(request.Stream);
        Assert.Equal("Speak in short sentences.\n\nYou are Acme's receptionist. The caller's number is +15550001111.", request.SystemPrompt);
        Assert.Equal(["billing_question"], request.ToolNames);
        Assert.Contains(("user", "What are your opening hours?"), request.Messages);
        Assert.Contains(("assistant", "Hi, this is Acme."), request.Messages);
        // Spoken a sentence at a time: each sentence its own speech request, in order.
        Assert.Equal(["Hi, this is Acme.", "We open at nine.", "We close at five."], OpenAi.SpeechRequests.Select(r => r.Input));
        Assert.Single(OpenAi.Transcriptions);

        Assert.Equal(
            [("agent", "Hi, this is Acme."), ("caller", "What are your opening hours?"), ("agent", "We open at nine. We close at five.")],
            run.Transcript.Select(t => (t.Speaker, t.Text)));
        var callerTurn = run.Transcript[1];
        Assert.InRange(callerTurn.StartMs, 1700, 2300); // the speech began 2 s into the call
        var latency = Assert.Single(run.Latency);
        Assert.Equal(2, latency.TurnIndex);
        Assert.NotNull(latency.SpeechToTextMs);
        Assert.NotNull(latency.LlmFirstTokenMs);
        Assert.NotNull(latency.TextToSpeechFirstByteMs);
        Assert.InRange(latency.TotalMs, 0, 1500);
        Assert.InRange(latency.TotalMs - (latency.SpeechToTextMs!.Value + latency.LlmFirstTokenMs!.Value + latency.TextToSpeechFirstByteMs!.Value + latency.ServerMs), -3, 3);
        var llm = Assert.Single(run.Usage.Providers, p => p.Stage == "llm");
        Assert.Equal((120, 12), (llm.PromptTokens, llm.CompletionTokens));
        Assert.True(run.Usage.CallerAudioSeconds > 0.5, $"caller audio {run.Usage.CallerAudioSeconds}");
        Assert.True(run.Usage.AgentAudioSeconds > 2, $"agent audio {run.Usage.AgentAudioSeconds}");
        Assert.Contains(run.Usage.Providers, p => p.Stage == "tts" && p.Characters == "Hi, this is Acme.We open at nine.We close at five.".Length);
        Assert.True(call.ReceivedFrameCount > 100);

        // Each stage sent its own key; none reached a log line.
        Assert.Equal($"Bearer {VoiceCallFixture.LlmKey}", request.Authorization);
        Assert.All(OpenAi.SpeechRequests, r => Assert.Equal($"Bearer {VoiceCallFixture.TtsKey}", r.Authorization));
        Assert.Equal($"Bearer {VoiceCallFixture.SttKey}", OpenAi.Transcriptions[0].Authorization);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, l =>
            l.Contains(VoiceCallFixture.LlmKey, StringComparison.Ordinal) || l.Contains(VoiceCallFixture.SttKey, StringComparison.Ordinal)
            || l.Contains(VoiceCallFixture.TtsKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ToolCalls_MoveThroughTheGraph_ToEndCall_WhichSaysGoodbye_HangsUp_AndEndsAgentEnded()
    {
        OpenAi.Reset();
        OpenAi.EnqueueTranscription("I have a question about invoice 42.");
        OpenAi.EnqueueChatReply(FakeChatReply.ToolCall("call_1", "billing_question", "{}"));
        OpenAi.EnqueueChatReply(FakeChatReply.Text("Invoice 42 is paid.").ThenToolCall("call_2", "done", "{}"));
        OpenAi.EnqueueStructuredReply(FakeChatReply.Text("""{"invoice_number": "42"}"""));
        OpenAi.EnqueueChatReply(FakeChatReply.Text("Thank you for calling. Goodbye."));
        var tenant = await fixture.VoiceTenantAsync();
        var call = fixture.CallTo(tenant);

        await CallAsync(call, VoiceCallFixture.Says(2 * Second, Second, 12 * Second), untilServerEnds: true);

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("agent_ended", run.EndReason);
        Assert.Equal(["start", "billing", "end"], run.NodesVisited.Select(n => n.NodeId));
        var conversation = OpenAi.ChatRequests.Where(r => r.Stream).ToList();
        Assert.Equal(3, conversation.Count);
        Assert.Equal(["billing_question"], conversation[0].ToolNames);
        Assert.Equal(["done"], conversation[1].ToolNames);
        Assert.Equal("Speak in short sentences.\n\nHelp with the invoice question. Be brief.", conversation[1].SystemPrompt);
        Assert.Empty(conversation[2].ToolNames);
        Assert.Equal("Thank the caller and say goodbye.", conversation[2].SystemPrompt); // no global prompt on an end node
        // Leaving the billing node extracted its variable, off the speaking path, into the gathered context.
        Assert.Single(OpenAi.ChatRequests, r => !r.Stream);
        Assert.Equal("42", run.GatheredContext["invoice_number"]);
        Assert.Equal(["Hi, this is Acme.", "Invoice 42 is paid.", "Glad I could help.", "Thank you for calling.", "Goodbye."],
            OpenAi.SpeechRequests.Select(r => r.Input));
        Assert.Equal("Thank you for calling. Goodbye.", run.Transcript[^1].Text);
        Assert.Equal("end", run.Transcript[^1].NodeId);
        Assert.NotNull(await fixture.WaitForHangupAsync(call));
    }

    [Fact]
    public async Task Dtmf_ReachesTheLlmAsText()
    {
        OpenAi.Reset();
        OpenAi.EnqueueChatReply(FakeChatReply.Text("You pressed one."));
        var tenant = await fixture.VoiceTenantAsync();

        await CallAsync(tenant, VoiceCallFixture.Silence(5 * Second), dtmf: [(TimeSpan.FromSeconds(2), '1')]);

        var request = Assert.Single(OpenAi.ChatRequests);
        Assert.Equal(("user", "The caller pressed 1"), request.Messages[^1]);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Contains(run.Transcript, t => t.Speaker == "agent" && t.Text == "You pressed one.");
    }

    [Fact]
    public async Task CallerSpeakingOverTheAgent_ClearsItsAudio_AndTheTurnKeepsOnlyWhatWasHeard_MarkedInterrupted()
    {
        OpenAi.Reset();
        OpenAi.EnqueueTranscription("Sorry, I need billing.");
        OpenAi.EnqueueChatReply(FakeChatReply.Text("Of course."));
        var tenant = await fixture.VoiceTenantAsync(LongGreetingGraph);

        var call = await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, 1.5 * Second, 4 * Second));

        Assert.True(call.ClearsReceived >= 1, "no clear reached the caller");
        // The caller's speech began 2 s after start; its frame ending at 2.3 s completes the minimum interruption and is
        // sent at 2.28 s. The clear must be back within 40 ms of that decision, not a frame or two later.
        var clearAt = call.ClearTimes[0];
        Assert.InRange(clearAt.TotalMilliseconds, 2250, 2320 + 40);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        var greeting = run.Transcript[0];
        Assert.True(greeting.Interrupted);
        Assert.StartsWith("Welcome to Acme.", greeting.Text, StringComparison.Ordinal);
        Assert.True(greeting.Text.Length < LongGreeting.Length - 20, $"kept too much: {greeting.Text}");
        // Cut at the caller's onset plus the minimum interruption: about 2.3 s into a greeting that began at once.
        Assert.InRange(greeting.EndMs, 2000, 2900);
        Assert.Equal(("caller", "Sorry, I need billing."), (run.Transcript[1].Speaker, run.Transcript[1].Text));
        Assert.Equal(("agent", "Of course."), (run.Transcript[2].Speaker, run.Transcript[2].Text));
        // The LLM saw the greeting as heard, not as written.
        Assert.Contains(("assistant", greeting.Text), Assert.Single(OpenAi.ChatRequests).Messages);
    }

    [Fact]
    public async Task ShortBurstOverTheAgent_DoesNotInterrupt_NorMakeATurn()
    {
        OpenAi.Reset();
        var tenant = await fixture.VoiceTenantAsync(LongGreetingGraph);

        var call = await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, TimeSpan.FromMilliseconds(160), 3 * Second));

        Assert.Equal(0, call.ClearsReceived);
        Assert.Empty(OpenAi.Transcriptions);
        Assert.Empty(OpenAi.ChatRequests);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.DoesNotContain(run.Transcript, t => t.Interrupted);
    }

    [Fact]
    public async Task FalseInterruption_WithNoWords_ResumesWhatTheAgentWasSaying()
    {
        OpenAi.Reset();
        OpenAi.EnqueueTranscription(string.Empty);
        var tenant = await fixture.VoiceTenantAsync(LongGreetingGraph);

        var call = await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, Second, 12 * Second));

        Assert.True(call.ClearsReceived >= 1);
        Assert.Empty(OpenAi.ChatRequests);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.True(run.Transcript[0].Interrupted);
        // What was cut is said again, from the sentence the caller cut into.
        var resumed = run.Transcript[1];
        Assert.Equal("agent", resumed.Speaker);
        Assert.EndsWith("How can I help you today?", resumed.Text, StringComparison.Ordinal);
        Assert.Contains(resumed.Text.Split('.')[0], LongGreeting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SilentCaller_IsAskedOnce_ThenTheCallEndsUserIdle()
    {
        OpenAi.Reset();
        var tenant = await fixture.VoiceTenantAsync(configurations: """{"max_user_idle_timeout": 1}""");

        await CallAsync(tenant, VoiceCallFixture.Silence(15 * Second), untilServerEnds: true);

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("user_idle", run.EndReason);
        Assert.Equal(["Hi, this is Acme.", AgentLines.StillThere, AgentLines.IdleGoodbye], run.Transcript.Select(t => t.Text));
        Assert.Empty(OpenAi.ChatRequests);
    }

    [Fact]
    public async Task NearTheMaximumDuration_TheAgentSaysGoodbye_ThenTheCallEndsMaxDuration()
    {
        OpenAi.Reset();
        var tenant = await fixture.VoiceTenantAsync(configurations: """{"max_call_duration": 17}""");
        var call = fixture.CallTo(tenant);

        await CallAsync(call, VoiceCallFixture.Silence(20 * Second), untilServerEnds: true);

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("max_duration", run.EndReason);
        var goodbye = run.Transcript[^1];
        Assert.Equal(AgentLines.MaxDurationGoodbye, goodbye.Text);
        // Started the lead before the limit (17 s − 8 s), so it could be said whole.
        Assert.InRange(goodbye.StartMs, 8500, 10000);
        Assert.NotNull(await fixture.WaitForHangupAsync(call));
    }

    [Fact]
    public async Task LlmFailingOnce_PlaysOneMoment_AndTheRetryAnswers()
    {
        OpenAi.Reset();
        // Each agent attempt is two HTTP requests (the client's own quick retry): two faults fail one attempt.
        OpenAi.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.ServerError, 2);
        OpenAi.EnqueueChatReply(FakeChatReply.Text("unused"));
        OpenAi.EnqueueChatReply(FakeChatReply.Text("unused"));
        OpenAi.EnqueueChatReply(FakeChatReply.Text("Here I am."));
        var tenant = await fixture.VoiceTenantAsync();

        await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, Second, 5 * Second));

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("user_hangup", run.EndReason);
        Assert.Contains(AgentLines.OneMoment, OpenAi.SpeechRequests.Select(r => r.Input));
        Assert.Equal("Here I am.", run.Transcript[^1].Text);
    }

    [Fact]
    public async Task SpeechFailingOnce_PlaysOneMoment_AndTheSentenceIsSpokenOnTheRetry()
    {
        OpenAi.Reset();
        // The greeting's first attempt is two HTTP requests (the client's own quick retry): both fail.
        OpenAi.FailNext(FakeOpenAiEndpoint.Speech, FakeFault.ServerError, 2);
        var tenant = await fixture.VoiceTenantAsync();

        var call = await CallAsync(tenant, VoiceCallFixture.Silence(4 * Second));

        Assert.Equal(["Hi, this is Acme.", "Hi, this is Acme.", AgentLines.OneMoment, "Hi, this is Acme."], OpenAi.SpeechRequests.Select(r => r.Input));
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("user_hangup", run.EndReason);
        Assert.Equal(["Hi, this is Acme."], run.Transcript.Select(t => t.Text));
        Assert.True(call.ReceivedFrameCount > 100, $"{call.ReceivedFrameCount} frames"); // the line and the greeting both played
    }

    [Fact]
    public async Task Recording_IsOneMixedWav_LinkedFromTheRun()
    {
        OpenAi.Reset();
        OpenAi.EnqueueTranscription("Hello?");
        OpenAi.EnqueueChatReply(FakeChatReply.Text("Hello to you."));
        var tenant = await fixture.VoiceTenantAsync(configurations: """{"recording": true}""");

        await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, Second, 4 * Second));

        var run = await fixture.EndedRunDetailsAsync(tenant);
        var path = Assert.IsType<string>(run.RecordingPath);
        Assert.StartsWith(fixture.RecordingFolder, path, StringComparison.Ordinal);
        var samples = WavFile.ReadSamples(path);
        // The whole call (about 7 s), 8 kHz: the greeting at the start, the caller at 2–3 s.
        Assert.InRange(samples.Length / 8000.0, 6.0, 8.5);
        static double Rms(ReadOnlySpan<short> part) { double sum = 0; foreach (var s in part) sum += s * (double)s; return Math.Sqrt(sum / part.Length); }
        Assert.True(Rms(samples.AsSpan(2000, 4000)) > 300, "no greeting in the recording");
        Assert.True(Rms(samples.AsSpan(2 * 8000 + 1000, 4000)) > 300, "no caller speech in the recording");
        Assert.True(Rms(samples.AsSpan((int)(1.5 * 8000), 2000)) < 50, "the silence between them is not silent");
        Assert.Empty(Directory.GetFiles(fixture.RecordingFolder, "*.part"));
    }

    [Fact]
    public async Task LlmFailingTwice_ApologisesAndEndsProviderError()
    {
        OpenAi.Reset();
        OpenAi.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.ServerError, 4);
        var tenant = await fixture.VoiceTenantAsync();

        await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, Second, 15 * Second), untilServerEnds: true);

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("provider_error", run.EndReason);
        Assert.Equal("failed", run.State);
        var spoken = OpenAi.SpeechRequests.Select(r => r.Input).ToList();
        Assert.Equal(["Hi, this is Acme.", AgentLines.OneMoment, AgentLines.ProviderErrorApology], spoken);
        Assert.Equal(AgentLines.ProviderErrorApology, run.Transcript[^1].Text);
    }

    [Fact]
    public async Task LlmThatHangs_TimesOut_AndTheCallEndsProviderError_WithoutLongDeadAir()
    {
        OpenAi.Reset();
        OpenAi.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.Hang, 4);
        var tenant = await fixture.VoiceTenantAsync();

        var call = await CallAsync(tenant, VoiceCallFixture.Says(2 * Second, Second, 20 * Second), untilServerEnds: true);

        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("provider_error", run.EndReason);
        Assert.Contains(AgentLines.OneMoment, OpenAi.SpeechRequests.Select(r => r.Input));
        // The longest silence the caller heard between agent audio frames: bounded by the provider timeout (1.5 s here).
        var longestGap = call.ReceivedFrameIntervals.Max();
        Assert.True(longestGap < TimeSpan.FromSeconds(4.5), $"dead air of {longestGap.TotalSeconds:0.0} s");
    }

    private const string LongGreeting =
        "Welcome to Acme. Our office is open from nine to five on weekdays. " +
        "You can ask about invoices, orders and deliveries. How can I help you today?";

    private static string LongGreetingGraph => VoiceCallFixture.Graph.Replace("\"Hi, this is Acme.\"", $"\"{LongGreeting}\"", StringComparison.Ordinal);
}
