using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator.FakeProviders;
using Microsoft.Extensions.AI;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// Provider API keys travel only in Authorization headers: no log line of any level (HttpClient's own included), no
/// error message and no URL may carry them, on success or on failure.
/// </summary>
public sealed class ProviderSecretsTests
{
    [Fact]
    public async Task ApiKeys_NeverReachALogLine_OrAnError_OnSuccessOrFailure()
    {
        var llmKey = "sk-llm-" + Guid.NewGuid().ToString("N");
        var sttKey = "sk-stt-" + Guid.NewGuid().ToString("N");
        var ttsKey = "sk-tts-" + Guid.NewGuid().ToString("N");
        var deepgramKey = "dg-" + Guid.NewGuid().ToString("N");
        await using var openAi = await FakeOpenAiApi.StartAsync();
        await using var deepgram = await FakeDeepgramApi.StartAsync(expectedApiKey: deepgramKey);
        await using var host = VoiceProviderHost.Create(TimeSpan.FromSeconds(2));
        var cancel = TestContext.Current.CancellationToken;
        var errors = new List<string>();

        // Successes.
        using (var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(openAi.BaseUrl, new Secret(llmKey), "m")))
        {
            await chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancel).ToChatResponseAsync(cancel);
            openAi.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.ServerError, 2);
            var failure = await Assert.ThrowsAsync<ProviderException>(() => chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancel).ToChatResponseAsync(cancel));
            errors.Add(failure.ToString());
        }

        var stt = host.Get<ISpeechToText>();
        var options = new SpeechToTextSessionOptions(["Acme"], TimeSpan.FromMilliseconds(500));
        await using (var session = (await stt.StartSessionAsync(new SpeechToTextSettings(SpeechToTextProvider.OpenAi, openAi.BaseUrl, new Secret(sttKey), "whisper-1", "en"), options, cancel)).Value)
        {
            session.SendAudio(new short[1600]);
            await session.FinishUtteranceAsync(TimeSpan.Zero, cancel);
            openAi.FailNext(FakeOpenAiEndpoint.Transcriptions, FakeFault.Hang, 2);
            session.SendAudio(new short[1600]);
            errors.Add((await session.FinishUtteranceAsync(TimeSpan.Zero, cancel)).Error!.ToString());
        }

        var deepgramSettings = new SpeechToTextSettings(SpeechToTextProvider.Deepgram, deepgram.BaseUrl, new Secret(deepgramKey), "nova-3", "en");
        await using (var session = (await stt.StartSessionAsync(deepgramSettings, options, cancel)).Value)
        {
            session.SendAudio(new short[160]);
            var connection = await deepgram.WaitForConnectionAsync(TimeSpan.FromSeconds(10));
            await connection.SendResultsAsync("hello", isFinal: true, speechFinal: true);
            await session.FinishUtteranceAsync(TimeSpan.Zero, cancel);
        }

        errors.Add((await stt.StartSessionAsync(deepgramSettings with { ApiKey = new Secret(deepgramKey + "-wrong") }, options, cancel)).Error!.ToString());

        var tts = host.Get<ITextToSpeech>();
        var ttsSettings = new TextToSpeechSettings(openAi.BaseUrl, new Secret(ttsKey), "tts-1", "alloy");
        await foreach (var _ in tts.SynthesizeAsync("Hello there.", ttsSettings, cancel))
        {
        }

        openAi.FailNext(FakeOpenAiEndpoint.Speech, FakeFault.ServerError, 2);
        errors.Add((await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync("Hello there.", ttsSettings, cancel))
            {
            }
        })).ToString());

        // The keys did go out, in the headers.
        Assert.Contains(openAi.ChatRequests, r => r.Authorization == "Bearer " + llmKey);
        Assert.Contains(openAi.Transcriptions, r => r.Authorization == "Bearer " + sttKey);
        Assert.Contains(openAi.SpeechRequests, r => r.Authorization == "Bearer " + ttsKey);
        Assert.Equal("Token " + deepgramKey, Assert.Single(deepgram.Connections).Authorization);
        Assert.DoesNotContain(deepgramKey, string.Join(' ', deepgram.Connections.SelectMany(c => c.Query.Values.SelectMany(v => v))), StringComparison.Ordinal);

        var logs = host.Logs.Entries.ToList();
        Assert.Contains(logs, l => l.Contains("/v1/chat/completions", StringComparison.Ordinal)); // HttpClient's logging is captured
        Assert.Contains(logs, l => l.Contains("Speech synthesis failed", StringComparison.Ordinal)); // and ours
        foreach (var secret in new[] { llmKey, sttKey, ttsKey, deepgramKey })
        {
            Assert.DoesNotContain(logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(errors, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }
}
