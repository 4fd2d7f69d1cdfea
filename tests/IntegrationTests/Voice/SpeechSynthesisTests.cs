using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator.FakeProviders;
using CleanAgent.Infrastructure.Audio;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>OpenAI-compatible streamed speech against the fake OpenAI server, over real HTTP.</summary>
public sealed class SpeechSynthesisTests
{
    private const string Sentence = "Thanks for calling Acme, how can I help you today?";

    private static TextToSpeechSettings Settings(FakeOpenAiApi fake, Secret? key = null) => new(fake.BaseUrl, key, "tts-1", "alloy");

    [Fact]
    public async Task FirstAudio_IsAvailable_BeforeTheProviderHasSentTheRest()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        var hold = fake.HoldNextSpeech();

        await using var chunks = host.Get<ITextToSpeech>().SynthesizeAsync(Sentence, Settings(fake, new Secret("sk-tts")), TestContext.Current.CancellationToken)
            .GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await chunks.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        // The fake is still holding everything after its first chunk.
        Assert.False(hold.IsReleased);
        Assert.True(chunks.Current.Pcm.Length > 0);
        Assert.Equal(Sentence.Length, chunks.Current.Characters);
        var samples = chunks.Current.Pcm.Length;
        hold.Release();
        var characters = Sentence.Length;
        while (await chunks.MoveNextAsync())
        {
            samples += chunks.Current.Pcm.Length;
            characters += chunks.Current.Characters;
        }

        // 24 kHz down to 8 kHz: a third of the samples, plus the filter's 2 ms tail flushed at the end.
        var sent = (int)(SpeechLikeSignal.DurationFor(Sentence).Ticks * 24000 / TimeSpan.TicksPerSecond);
        Assert.Equal((sent / 3) + 16, samples);
        Assert.Equal(Sentence.Length, characters);
        var request = Assert.Single(fake.SpeechRequests);
        Assert.Equal(("Bearer sk-tts", "tts-1", "alloy", Sentence, "pcm"), (request.Authorization, request.Model, request.Voice, request.Input, request.ResponseFormat));
    }

    [Fact]
    public async Task ChunksSplitMidSample_AreStitched_ToExactlyTheResampledSignal()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();

        var received = new List<short>();
        await foreach (var chunk in host.Get<ITextToSpeech>().SynthesizeAsync(Sentence, Settings(fake), TestContext.Current.CancellationToken))
            received.AddRange(chunk.Pcm.ToArray());

        // What the fake sent, resampled in one go (the resampler is exact across any split) and flushed the same way.
        var source = SpeechLikeSignal.Generate(24000, SpeechLikeSignal.DurationFor(Sentence), seed: Sentence.Length);
        var resampler = new StreamingResampler(24000, 8000);
        // The filter's 2 ms delay is 48 samples at 24 kHz: that much silence pushes the last sound out.
        var expected = new short[resampler.MaxOutputLength(source.Length + 48)];
        var written = resampler.Process(source, expected);
        written += resampler.Process(new short[48], expected.AsSpan(written));
        Assert.Equal(expected[..written], received);
        Assert.Null(Assert.Single(fake.SpeechRequests).Authorization);
    }

    [Fact]
    public async Task PlayoutLength_IsProportionalToTheText()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        var tts = host.Get<ITextToSpeech>();

        async Task<TimeSpan> Length(string text)
        {
            var samples = 0;
            await foreach (var chunk in tts.SynthesizeAsync(text, Settings(fake), TestContext.Current.CancellationToken)) samples += chunk.Pcm.Length;
            return TimeSpan.FromSeconds(samples / 8000.0);
        }

        var shortLine = await Length("Okay.");
        var longLine = await Length(Sentence + " " + Sentence);

        Assert.InRange(shortLine, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400));
        Assert.InRange(longLine, TimeSpan.FromSeconds(6.5), TimeSpan.FromSeconds(6.7));
    }

    [Theory]
    [InlineData(FakeFault.ServerError, ProviderErrorKind.HttpStatus)]
    [InlineData(FakeFault.Hang, ProviderErrorKind.Timeout)]
    [InlineData(FakeFault.SlowFirstByte, ProviderErrorKind.Timeout)]
    [InlineData(FakeFault.Empty, ProviderErrorKind.EmptyResult)]
    public async Task Faults_AreTypedProviderExceptions(FakeFault fault, ProviderErrorKind expected)
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create(TimeSpan.FromMilliseconds(400));
        fake.FailNext(FakeOpenAiEndpoint.Speech, fault, count: 2);

        var failure = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in host.Get<ITextToSpeech>().SynthesizeAsync(Sentence, Settings(fake), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal(expected, failure.Error.Kind);
        Assert.Equal(VoiceStage.TextToSpeech, failure.Error.Stage);
    }

    [Fact]
    public async Task SteadyStreamLongerThanTheProviderTimeout_IsReadToTheEnd()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        var limit = TimeSpan.FromSeconds(1);
        await using var host = VoiceProviderHost.Create(limit);
        await foreach (var _ in host.Get<ITextToSpeech>().SynthesizeAsync("Warm up.", Settings(fake), TestContext.Current.CancellationToken))
        {
            // A first request pays for JIT and connection set-up; the steady stream below is what is measured.
        }

        fake.SpeechChunkDelay = TimeSpan.FromMilliseconds(150);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var samples = 0;
        await foreach (var chunk in host.Get<ITextToSpeech>().SynthesizeAsync(Sentence, Settings(fake), TestContext.Current.CancellationToken)) samples += chunk.Pcm.Length;

        // The provider timeout bounds the first byte and each stall, not the whole answer.
        Assert.True(clock.Elapsed > limit * 2, $"took {clock.Elapsed}");
        Assert.Equal((int)(SpeechLikeSignal.DurationFor(Sentence).Ticks * 24000 / TimeSpan.TicksPerSecond) / 3 + 16, samples);
    }

    [Fact]
    public async Task StallAfterTheFirstChunk_IsATimeout()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create(TimeSpan.FromSeconds(1));
        await foreach (var _ in host.Get<ITextToSpeech>().SynthesizeAsync("Warm up.", Settings(fake), TestContext.Current.CancellationToken))
        {
            // A first request pays for JIT and connection set-up; the stall below is what is measured.
        }

        _ = fake.HoldNextSpeech(); // never released: the stream stalls after its first chunk

        var samples = 0;
        var failure = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in host.Get<ITextToSpeech>().SynthesizeAsync(Sentence, Settings(fake), TestContext.Current.CancellationToken)) samples += chunk.Pcm.Length;
        });

        Assert.Equal(ProviderErrorKind.Timeout, failure.Error.Kind);
        // The first network chunk (however TCP split it) was played; nothing after it came.
        Assert.InRange(samples, 1, (FakeOpenAiApi.SpeechChunkBytes / 2 / 3) + 1);
    }
}
