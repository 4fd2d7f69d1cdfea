using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// The same conversation with Deepgram live streaming as the speech-to-text stage: one socket per call fed the caller's
/// audio as it arrives, the fake answering from the audio's energy (<c>SpeechStarted</c>, interim and final
/// <c>Results</c>, <c>UtteranceEnd</c>) like the real service.
/// </summary>
public sealed class DeepgramVoiceCallTests(DeepgramVoiceCallTests.Fixture fixture) : IClassFixture<DeepgramVoiceCallTests.Fixture>
{
    public const string DeepgramKey = "dg-key-for-the-voice-tests";

    public sealed class Fixture : VoiceCallFixture
    {
        private FakeDeepgramApi? _deepgram;

        public FakeDeepgramApi Deepgram => _deepgram!;

        protected override IReadOnlyDictionary<string, string> VoiceSettings => new Dictionary<string, string>(base.VoiceSettings)
        {
            ["Voice:Stt:Provider"] = "deepgram",
            ["Voice:Stt:BaseUrl"] = Deepgram.BaseUrl.ToString(),
            ["Voice:Stt:ApiKey"] = DeepgramKey,
        };

        protected override async ValueTask StartDependenciesAsync()
        {
            _deepgram = await FakeDeepgramApi.StartAsync(expectedApiKey: DeepgramKey);
            _deepgram.AutoTranscribe = true;
            _deepgram.AutoTranscript = "I have a question about invoice 42.";
            await base.StartDependenciesAsync();
        }

        protected override async ValueTask StopDependenciesAsync()
        {
            await base.StopDependenciesAsync();
            if (_deepgram is not null) await _deepgram.DisposeAsync();
        }
    }

    [Fact]
    public async Task AConversationOverDeepgram_WalksTheGraphToEndCall_AndEndsAgentEnded()
    {
        var openAi = fixture.OpenAi;
        openAi.Reset();
        openAi.EnqueueChatReply(FakeChatReply.ToolCall("call_1", "billing_question", "{}"));
        openAi.EnqueueChatReply(FakeChatReply.Text("Invoice 42 is paid.").ThenToolCall("call_2", "done", "{}"));
        openAi.EnqueueStructuredReply(FakeChatReply.Text("""{"invoice_number": "42"}"""));
        openAi.EnqueueChatReply(FakeChatReply.Text("Thank you for calling. Goodbye."));
        var tenant = await fixture.VoiceTenantAsync(configurations: """{"dictionary": "Acme, invoice"}""");
        var call = fixture.CallTo(tenant) with
        {
            OutboundFrames = VoiceCallFixture.Says(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(12)),
            SendStop = false,
            MaxCallDuration = TimeSpan.FromSeconds(25),
        };

        var result = await SimulatedCall.RunAsync(call, TestContext.Current.CancellationToken);

        Assert.Null(result.Error);
        var run = await fixture.EndedRunDetailsAsync(tenant);
        Assert.Equal("agent_ended", run.EndReason);
        Assert.Equal(["start", "billing", "end"], run.NodesVisited.Select(n => n.NodeId));
        Assert.Equal("I have a question about invoice 42.", Assert.Single(run.Transcript, t => t.Speaker == "caller").Text);
        Assert.Empty(openAi.Transcriptions); // no per-turn transcription: Deepgram heard it
        Assert.Contains(("user", "I have a question about invoice 42."), openAi.ChatRequests[0].Messages);
        var connection = Assert.Single(fixture.Deepgram.Connections);
        Assert.Equal($"Token {DeepgramKey}", connection.Authorization);
        Assert.Equal(["Acme", "invoice"], connection.QueryValues("keyterm"));
        Assert.True(connection.AudioSeconds > 2, $"Deepgram heard {connection.AudioSeconds} s");
        await connection.WaitUntilAsync(c => c.CloseStreamReceived, TimeSpan.FromSeconds(5), "CloseStream");
        var stt = Assert.Single(run.Usage.Providers, p => p.Stage == "stt");
        Assert.Equal("deepgram", stt.Provider);
        Assert.True(stt.AudioSeconds > 2);
        Assert.Equal("42", run.GatheredContext["invoice_number"]);
        Assert.DoesNotContain(fixture.Host.Logs.Entries, l => l.Contains(DeepgramKey, StringComparison.Ordinal));
    }
}
