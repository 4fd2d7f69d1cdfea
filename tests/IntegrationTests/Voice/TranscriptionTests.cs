using System.Buffers.Binary;
using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator;
using CleanAgent.CallSimulator.FakeProviders;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>OpenAI-compatible per-turn transcription against the fake OpenAI server, over real HTTP.</summary>
public sealed class TranscriptionTests
{
    private static SpeechToTextSettings Settings(FakeOpenAiApi fake, Secret? key = null) =>
        new(SpeechToTextProvider.OpenAi, fake.BaseUrl, key, "whisper-1", "en");

    private static async Task<ISpeechToTextSession> StartAsync(VoiceProviderHost host, SpeechToTextSettings settings, params string[] keyterms)
    {
        var started = await host.Get<ISpeechToText>().StartSessionAsync(settings, new SpeechToTextSessionOptions(keyterms, TimeSpan.FromMilliseconds(500)), TestContext.Current.CancellationToken);
        Assert.True(started.IsSuccess);
        return started.Value;
    }

    private static void Feed(ISpeechToTextSession session, short[] pcm)
    {
        for (var i = 0; i < pcm.Length; i += 160) session.SendAudio(pcm.AsSpan(i, Math.Min(160, pcm.Length - i)));
    }

    [Fact]
    public async Task FinishedTurn_IsSentAsAn8kHzWavFromJustBeforeItsOnset_WithModelLanguagePromptAndKey()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.EnqueueTranscription("I need my invoice.");
        await using var session = await StartAsync(host, Settings(fake, new Secret("sk-stt")), "Acme", "Cloudonix");
        var speech = ToneGenerator.Sine(440, 4000, TimeSpan.FromSeconds(1));
        Feed(session, new short[8000 * 2]); // two seconds of silence before the turn
        Feed(session, speech);

        var result = await session.FinishUtteranceAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.Equal("I need my invoice.", result.Value.Text);
        var request = Assert.Single(fake.Transcriptions);
        Assert.Equal("Bearer sk-stt", request.Authorization);
        Assert.Equal("whisper-1", request.Fields["model"]);
        Assert.Equal("en", request.Fields["language"]);
        Assert.Equal("Acme, Cloudonix", request.Fields["prompt"]);
        Assert.Equal("json", request.Fields["response_format"]);
        Assert.Equal("audio/wav", request.FileContentType);
        var samples = WavFile.ReadSamples(new MemoryStream(request.Wav));
        // 300 ms of pre-roll before the onset, then the whole turn.
        Assert.Equal((int)(0.3 * 8000) + speech.Length, samples.Length);
        Assert.Equal(speech, samples[^speech.Length..]);
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(request.Wav.AsSpan(24)));
        Assert.Equal(TimeSpan.FromSeconds(1.3), result.Value.Audio);
        Assert.Equal(TimeSpan.FromSeconds(1.3), session.Usage.Audio);
    }

    [Fact]
    public async Task EachTurn_SendsOnlyItsOwnAudio()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        await using var session = await StartAsync(host, Settings(fake));
        Feed(session, new short[8000]);
        await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Feed(session, new short[4000]);

        await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.Equal([8000, 4000], fake.Transcriptions.Select(t => WavFile.ReadSamples(new MemoryStream(t.Wav)).Length));
        Assert.Null(fake.Transcriptions[0].Authorization);
    }

    [Fact]
    public async Task ATurnWhoseTranscriptionFailed_IsSentAgainByTheRetry_AheadOfTheAudioSince()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create(TimeSpan.FromMilliseconds(400));
        fake.FailNext(FakeOpenAiEndpoint.Transcriptions, FakeFault.ServerError, count: 2); // both HTTP attempts of the first try
        await using var session = await StartAsync(host, Settings(fake, new Secret("k")));
        Feed(session, new short[8000]);
        Assert.False((await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken)).IsSuccess);
        fake.EnqueueTranscription("I have a question.");
        Feed(session, new short[800]); // the caller's audio during "One moment, please."

        var retry = await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.True(retry.IsSuccess, retry.Error?.Message);
        Assert.Equal("I have a question.", retry.Value.Text);
        Assert.Equal(8800, WavFile.ReadSamples(new MemoryStream(fake.Transcriptions[^1].Wav)).Length);
        Feed(session, new short[1600]);
        await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);
        Assert.Equal(1600, WavFile.ReadSamples(new MemoryStream(fake.Transcriptions[^1].Wav)).Length); // sent once, not again
    }

    [Theory]
    [InlineData(FakeFault.ServerError, ProviderErrorKind.HttpStatus)]
    [InlineData(FakeFault.Hang, ProviderErrorKind.Timeout)]
    [InlineData(FakeFault.SlowFirstByte, ProviderErrorKind.Timeout)]
    [InlineData(FakeFault.MalformedBody, ProviderErrorKind.Protocol)]
    public async Task Faults_AreTypedErrors(FakeFault fault, ProviderErrorKind expected)
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create(TimeSpan.FromMilliseconds(400));
        fake.FailNext(FakeOpenAiEndpoint.Transcriptions, fault, count: 2);
        await using var session = await StartAsync(host, Settings(fake, new Secret("k")));
        Feed(session, new short[1600]);

        var result = await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error!.Kind);
        Assert.Equal(VoiceStage.SpeechToText, result.Error.Stage);
    }

    [Fact]
    public async Task EmptyTranscript_IsNoWords_NotAFailure()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.FailNext(FakeOpenAiEndpoint.Transcriptions, FakeFault.Empty);
        await using var session = await StartAsync(host, Settings(fake));
        Feed(session, new short[1600]);

        var result = await session.FinishUtteranceAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.True(result.IsSuccess);
        Assert.True(result.Value.IsEmpty);
    }
}
