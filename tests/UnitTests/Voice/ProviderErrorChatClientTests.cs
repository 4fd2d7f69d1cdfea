using System.ClientModel;
using System.Runtime.CompilerServices;
using CleanAgent.Application.Voice;
using CleanAgent.Infrastructure.Voice.OpenAi;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;

namespace CleanAgent.UnitTests.Voice;

/// <summary>The LLM port's failure contract, on a stand-in inner client and a fake clock.</summary>
public sealed class ProviderErrorChatClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task NoFirstUpdateWithinTheProviderTimeout_IsATimeout()
    {
        var time = new FakeTimeProvider();
        using var client = new ProviderErrorChatClient(new StubChatClient(hang: true), Limit, time);

        var reading = Drain(client);
        Assert.False(reading.IsCompleted);
        time.Advance(Limit - TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(ProviderErrorKind.Timeout, failure.Error.Kind);
        Assert.Equal(VoiceStage.Llm, failure.Error.Stage);
    }

    [Fact]
    public async Task AfterTheFirstUpdate_TheFirstByteTimeoutNoLongerApplies()
    {
        var time = new FakeTimeProvider();
        var inner = new StubChatClient(updates: ["Hel", "lo"], pauseAfterFirst: true);
        using var client = new ProviderErrorChatClient(inner, Limit, time);

        var reading = Drain(client);
        await inner.FirstSent.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(Limit * 3);
        inner.Continue();

        Assert.Equal("Hello", await reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AReplyWithNoTextOrToolCall_IsAnEmptyResult()
    {
        using var client = new ProviderErrorChatClient(new StubChatClient(updates: ["", "  "]), Limit, new FakeTimeProvider());

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Drain(client));

        Assert.Equal(ProviderErrorKind.EmptyResult, failure.Error.Kind);
    }

    [Fact]
    public async Task AToolCallAlone_IsAReply()
    {
        using var client = new ProviderErrorChatClient(new StubChatClient(toolCall: true), Limit, new FakeTimeProvider());

        Assert.Equal(string.Empty, await Drain(client));
    }

    public static TheoryData<Exception, ProviderErrorKind, int?> Faults() => new()
    {
        { new ClientResultException("bad gateway", null, null), ProviderErrorKind.Unreachable, null },
        { new HttpRequestException("refused"), ProviderErrorKind.Unreachable, null },
        { new HttpRequestException("nope", null, System.Net.HttpStatusCode.TooManyRequests), ProviderErrorKind.HttpStatus, 429 },
        { new TimeoutRejectedException(), ProviderErrorKind.Timeout, null },
        { new TaskCanceledException("network timeout"), ProviderErrorKind.Timeout, null },
        { new System.Text.Json.JsonException("garbage"), ProviderErrorKind.Protocol, null },
        { new InvalidOperationException("odd"), ProviderErrorKind.Protocol, null },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task InnerFaults_BecomeTypedProviderErrors(Exception fault, ProviderErrorKind kind, int? status)
    {
        using var client = new ProviderErrorChatClient(new StubChatClient(fault: fault), Limit, new FakeTimeProvider());

        var streaming = await Assert.ThrowsAsync<ProviderException>(() => Drain(client));
        var whole = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal((kind, status), (streaming.Error.Kind, streaming.Error.StatusCode));
        Assert.Equal((kind, status), (whole.Error.Kind, whole.Error.StatusCode));
    }

    [Fact]
    public async Task CancellationByTheCaller_StaysACancellation()
    {
        using var client = new ProviderErrorChatClient(new StubChatClient(hang: true), Limit, new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var reading = Drain(client, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<string> Drain(ProviderErrorChatClient client, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellationToken))
            text.Append(update.Text);
        return text.ToString();
    }

    private sealed class StubChatClient(
        string[]? updates = null,
        bool hang = false,
        bool pauseAfterFirst = false,
        bool toolCall = false,
        Exception? fault = null) : IChatClient
    {
        private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _continue = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstSent => _firstSent.Task;

        public void Continue() => _continue.TrySetResult();

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            fault is not null ? Task.FromException<ChatResponse>(fault) : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, string.Concat(updates ?? []))));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (fault is not null) throw fault;
            if (hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (toolCall) yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call_1", "go")]);
            var first = true;
            foreach (var text in updates ?? [])
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, text);
                if (first && pauseAfterFirst)
                {
                    _firstSent.TrySetResult();
                    await _continue.Task.WaitAsync(cancellationToken);
                }

                first = false;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
