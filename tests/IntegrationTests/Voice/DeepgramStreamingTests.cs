using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Infrastructure.Audio;
using CleanAgent.Infrastructure.Voice.Deepgram;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>The Deepgram live adapter against the fake Deepgram server, over a real WebSocket.</summary>
public sealed class DeepgramStreamingTests
{
    private const string Key = "dg-test-key-123";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly SpeechToTextSessionOptions Options = new(["Acme", "CleanAgent"], TimeSpan.FromMilliseconds(500));

    private static SpeechToTextSettings Settings(FakeDeepgramApi fake, string? key = Key) =>
        new(SpeechToTextProvider.Deepgram, fake.BaseUrl, key is null ? null : new Secret(key), "nova-3", "en");

    private static async Task<ISpeechToTextSession> StartAsync(VoiceProviderHost host, FakeDeepgramApi fake, string? key = Key)
    {
        var started = await host.Get<ISpeechToText>().StartSessionAsync(Settings(fake, key), Options, TestContext.Current.CancellationToken);
        Assert.True(started.IsSuccess, started.Error?.ToString());
        return started.Value;
    }

    private static async Task<SpeechToTextEvent> NextEventAsync(ISpeechToTextSession session) =>
        await session.Events.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Wait, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Connects_WithTheTokenHeaderAndTheQuery_AndStreamsTheCallersOwnMuLawBytes()
    {
        await using var fake = await FakeDeepgramApi.StartAsync(expectedApiKey: Key);
        await using var host = VoiceProviderHost.Create();
        var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);
        var callerBytes = ToneGenerator.SineFrames(300, 6000, TimeSpan.FromMilliseconds(400)).SelectMany(f => f).ToArray();
        var pcm = new short[callerBytes.Length];
        MuLawCodec.Decode(callerBytes, pcm);

        for (var i = 0; i < pcm.Length; i += 160) session.SendAudio(pcm.AsSpan(i, 160));
        await connection.WaitUntilAsync(c => c.AudioBytes == callerBytes.Length, Wait, "all audio received");

        Assert.Equal("Token " + Key, connection.Authorization);
        Assert.Equal(["mulaw"], connection.QueryValues("encoding"));
        Assert.Equal(["8000"], connection.QueryValues("sample_rate"));
        Assert.Equal(["1"], connection.QueryValues("channels"));
        Assert.Equal(["nova-3"], connection.QueryValues("model"));
        Assert.Equal(["true"], connection.QueryValues("interim_results"));
        Assert.Equal(["500"], connection.QueryValues("endpointing"));
        Assert.Equal(["1000"], connection.QueryValues("utterance_end_ms"));
        Assert.Equal(["true"], connection.QueryValues("vad_events"));
        Assert.Equal(["en"], connection.QueryValues("language"));
        Assert.Equal(["Acme", "CleanAgent"], connection.QueryValues("keyterm"));
        Assert.Equal(callerBytes, connection.Audio);
        Assert.Equal(TimeSpan.FromMilliseconds(400), session.Usage.Audio);

        await session.DisposeAsync();
        Assert.True(connection.CloseStreamReceived);
    }

    [Fact]
    public async Task ScriptedMessages_BecomeEvents_AndTheTurnsTextIsItsFinals_WithoutAFinalize()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);

        await connection.SendSpeechStartedAsync(1.25);
        await connection.SendResultsAsync("I need", isFinal: false, speechFinal: false, start: 1.2, duration: 0.6);
        await connection.SendResultsAsync("I need my invoice", isFinal: true, speechFinal: false, start: 1.2, duration: 1.3);
        await connection.SendResultsAsync("please", isFinal: true, speechFinal: true, start: 2.5, duration: 0.5);
        await connection.SendUtteranceEndAsync(3.0);

        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.SpeechStarted, null, TimeSpan.FromSeconds(1.25)), await NextEventAsync(session));
        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.InterimTranscript, "I need", TimeSpan.FromSeconds(1.8)), await NextEventAsync(session));
        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.FinalTranscript, "I need my invoice", TimeSpan.FromSeconds(2.5)), await NextEventAsync(session));
        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.FinalTranscript, "please", TimeSpan.FromSeconds(3.0)), await NextEventAsync(session));
        Assert.Equal(SpeechToTextEventKind.EndOfSpeech, (await NextEventAsync(session)).Kind); // speech_final
        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.EndOfSpeech, null, TimeSpan.FromSeconds(3.0)), await NextEventAsync(session)); // UtteranceEnd

        var turn = await session.FinishUtteranceAsync(TimeSpan.FromSeconds(1.2), TestContext.Current.CancellationToken);

        Assert.Equal("I need my invoice please", turn.Value.Text);
        Assert.Equal(0, connection.Finalizes);
    }

    [Fact]
    public async Task WordsNotYetFinal_AreFinalized_WhenTheAgentEndsTheTurn()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);
        connection.FinalizeTranscript = "my account number";
        await connection.SendResultsAsync("It is", isFinal: true, speechFinal: false);
        await connection.SendResultsAsync("my acc", isFinal: false, speechFinal: false);
        await WaitForEventsAsync(session, 2);

        var turn = await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal("It is my account number", turn.Value.Text);
        Assert.Equal(1, connection.Finalizes);
    }

    [Fact]
    public async Task NoAnswerToFinalize_AndNoWords_IsATimeout_AfterTheProviderTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create(TimeSpan.FromSeconds(5), time);
        await using var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);
        connection.AnswerFinalize = false;

        var finishing = session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        await connection.WaitUntilAsync(c => c.Finalizes == 1, Wait, "Finalize received");
        Assert.False(finishing.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var turn = await finishing.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Equal(ProviderErrorKind.Timeout, turn.Error!.Kind);
    }

    [Fact]
    public async Task KeepAlive_IsSentWhenNoAudioFlows_AndNotWhileItDoes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create(time: time);
        var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);

        // Audio every second: no keep-alive needed.
        for (var second = 0; second < 6; second++)
        {
            session.SendAudio(new short[160]);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        await connection.WaitUntilAsync(c => c.AudioBytes == 6 * 160, Wait, "audio received");
        Assert.Equal(0, connection.KeepAlives);

        // Then silence from the agent's side: a keep-alive within 3–4 s, and again after each further 3–4 s.
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, connection.KeepAlives);
        time.Advance(TimeSpan.FromSeconds(2));
        await connection.WaitUntilAsync(c => c.KeepAlives == 1, Wait, "first KeepAlive");
        time.Advance(TimeSpan.FromSeconds(4));
        await connection.WaitUntilAsync(c => c.KeepAlives == 2, Wait, "second KeepAlive");
        Assert.Contains("""{"type":"KeepAlive"}""", connection.TextMessages);

        await session.DisposeAsync();
        await connection.WaitUntilAsync(c => c.CloseStreamReceived, Wait, "CloseStream");
        await connection.Ended.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.Equal("""{"type":"CloseStream"}""", connection.TextMessages[^1]);
    }

    [Fact]
    public async Task MalformedMessages_AreSkipped_AndTheSessionGoesOn()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);

        await connection.SendRawAsync("{not json");
        await connection.SendRawAsync("""{"type":"Results","channel":{"alternatives":[{"transcript":42}]}}""");
        await connection.SendRawAsync(new string('x', DeepgramMessageParser.MaxMessageBytes + 10));
        await connection.SendRawAsync("""{"type":"SomethingNew"}""");
        await connection.SendResultsAsync("still here", isFinal: true, speechFinal: false);

        Assert.Equal(new SpeechToTextEvent(SpeechToTextEventKind.FinalTranscript, "still here", TimeSpan.FromSeconds(1)), await NextEventAsync(session));
        Assert.Equal("still here", (await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken)).Value.Text);
    }

    [Fact]
    public async Task DroppedSocket_IsAFailedEvent_AndTheNextTurnFailsTyped()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, fake);
        var connection = await fake.WaitForConnectionAsync(Wait);

        connection.Abort();

        var failed = await NextEventAsync(session);
        Assert.Equal(SpeechToTextEventKind.Failed, failed.Kind);
        Assert.Equal(ProviderErrorKind.Unreachable, failed.Error!.Kind);
        session.SendAudio(new short[160]); // ignored, not thrown
        var turn = await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(ProviderErrorKind.Unreachable, turn.Error!.Kind);
    }

    [Theory]
    [InlineData("wrong-key", 401)]
    [InlineData(null, 401)]
    public async Task RefusedKey_IsAnHttpStatusError(string? key, int status)
    {
        await using var fake = await FakeDeepgramApi.StartAsync(expectedApiKey: Key);
        await using var host = VoiceProviderHost.Create();

        var started = await host.Get<ISpeechToText>().StartSessionAsync(Settings(fake, key), Options, TestContext.Current.CancellationToken);

        Assert.False(started.IsSuccess);
        Assert.Equal((ProviderErrorKind.HttpStatus, status), (started.Error!.Kind, started.Error.StatusCode));
        Assert.Empty(fake.Connections);
    }

    [Fact]
    public async Task UnavailableService_IsAnHttpStatusError()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        fake.RefuseNext(1, 503);
        await using var host = VoiceProviderHost.Create();

        var started = await host.Get<ISpeechToText>().StartSessionAsync(Settings(fake), Options, TestContext.Current.CancellationToken);

        Assert.Equal((ProviderErrorKind.HttpStatus, 503), (started.Error!.Kind, started.Error.StatusCode));
    }

    [Fact]
    public async Task AutoTranscribe_HearsASimulatedCaller_AndEndpoints()
    {
        await using var fake = await FakeDeepgramApi.StartAsync();
        fake.AutoTranscribe = true;
        fake.AutoTranscript = "I would like to pay my bill";
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, fake);
        var caller = ToneGenerator.Sine(300, 6000, TimeSpan.FromSeconds(1.2));
        var audio = new short[8000 / 2].Concat(caller).Concat(new short[8000 * 2]).ToArray();

        for (var i = 0; i < audio.Length; i += 160) session.SendAudio(audio.AsSpan(i, 160));

        var kinds = new List<SpeechToTextEventKind>();
        string? final = null;
        while (!kinds.Contains(SpeechToTextEventKind.EndOfSpeech) || kinds.Count(k => k == SpeechToTextEventKind.EndOfSpeech) < 2)
        {
            var next = await NextEventAsync(session);
            kinds.Add(next.Kind);
            if (next.Kind == SpeechToTextEventKind.FinalTranscript) final = next.Text;
            if (next.Kind == SpeechToTextEventKind.SpeechStarted) Assert.InRange(next.At, TimeSpan.FromSeconds(0.45), TimeSpan.FromSeconds(0.6));
        }

        Assert.Equal(SpeechToTextEventKind.SpeechStarted, kinds[0]);
        Assert.Contains(SpeechToTextEventKind.InterimTranscript, kinds);
        Assert.Equal("I would like to pay my bill", final);
        Assert.Equal("I would like to pay my bill", (await session.FinishUtteranceAsync(TimeSpan.FromSeconds(0.5), TestContext.Current.CancellationToken)).Value.Text);
    }

    private static async Task WaitForEventsAsync(ISpeechToTextSession session, int count)
    {
        for (var i = 0; i < count; i++) await NextEventAsync(session);
    }
}
