using System.Diagnostics;
using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Application.Voice;
using CleanAgent.CallSimulator.FakeProviders;
using Microsoft.Extensions.AI;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>The LLM port (Microsoft.Extensions.AI over the OpenAI SDK) against the fake OpenAI server, over real HTTP.</summary>
public sealed class ChatCompletionTests
{
    private static readonly AITool TransferTool = AIFunctionFactory.CreateDeclaration(
        "transfer_to_billing",
        "Moves the conversation to the billing node.",
        JsonDocument.Parse("""{"type":"object","properties":{"reason":{"type":"string"}},"required":["reason"]}""").RootElement);

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, "You are the front desk of Acme."),
        new(ChatRole.Assistant, "Hello, how can I help?"),
        new(ChatRole.User, "I have a question about my invoice."),
    ];

    [Fact]
    public async Task StreamedTextAndToolCallDeltas_AreReassembled_WithUsage_AndTheRequestCarriesPromptMessagesAndTools()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.EnqueueChatReply(FakeChatReply.Text("Sure, ", "let me ", "check.")
            .ThenToolCall("call_abc", "transfer_to_billing", "{\"rea", "son\": \"inv", "oice\"}")
            .WithUsage(42, 7));
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("sk-test-llm"), "gpt-test"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in chat.GetStreamingResponseAsync(Conversation(), new ChatOptions { Tools = [TransferTool] }, TestContext.Current.CancellationToken))
            updates.Add(update);
        var response = updates.ToChatResponse();

        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, "the text arrives as it streams, delta by delta");
        Assert.Equal("Sure, let me check.", response.Text);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc", call.CallId);
        Assert.Equal("transfer_to_billing", call.Name);
        Assert.Equal("invoice", call.Arguments!["reason"]?.ToString());
        Assert.Equal(42, response.Usage?.InputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);

        var request = Assert.Single(fake.ChatRequests);
        Assert.Equal("Bearer sk-test-llm", request.Authorization);
        Assert.Equal("gpt-test", request.Model);
        Assert.True(request.Stream);
        Assert.Equal("You are the front desk of Acme.", request.SystemPrompt);
        Assert.Equal([("system", "You are the front desk of Acme."), ("assistant", "Hello, how can I help?"), ("user", "I have a question about my invoice.")], request.Messages);
        Assert.Equal(["transfer_to_billing"], request.ToolNames);
    }

    [Fact]
    public async Task ToolResultRoundTrip_SendsTheCallAndItsResultBack()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, null, "m"));
        var messages = Conversation();
        messages.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_1", "transfer_to_billing", new Dictionary<string, object?> { ["reason"] = "invoice" })]));
        messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "moved to billing")]));

        var response = await chat.GetStreamingResponseAsync(messages, new ChatOptions { Tools = [TransferTool] }, TestContext.Current.CancellationToken).ToChatResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Okay.", response.Text);
        var sent = Assert.Single(fake.ChatRequests).Messages;
        Assert.Contains(sent, m => m.Role == "assistant" && m.Content.Contains("transfer_to_billing", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.Role == "tool" && m.Content == "moved to billing");
    }

    [Fact]
    public async Task WithoutAnApiKey_NoAuthorizationHeaderIsSent()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, null, "llama3"));

        var response = await chat.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken).ToChatResponseAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Okay.", response.Text);
        Assert.Null(Assert.Single(fake.ChatRequests).Authorization);
    }

    [Fact]
    public async Task NonStreamingCompletion_Works_ForStructuredCallsOffTheSpeakingPath()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.EnqueueChatReply(FakeChatReply.Text("""{"name":"Ada"}"""));
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        var response = await chat.GetResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("""{"name":"Ada"}""", response.Text);
        Assert.False(Assert.Single(fake.ChatRequests).Stream);
    }

    [Fact]
    public async Task ServerError_IsAnHttpStatusError_AfterOneQuickRetry()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.ServerError, count: 5);
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Stream(chat));

        Assert.Equal((ProviderErrorKind.HttpStatus, 500), (failure.Error.Kind, failure.Error.StatusCode));
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Fact]
    public async Task TransientServerError_IsRetried_AndTheReplyArrives()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.ServerError);
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        Assert.Equal("Okay.", await Stream(chat));
        Assert.Equal(2, fake.ChatRequests.Count);
    }

    [Theory]
    [InlineData(FakeFault.Hang)]
    [InlineData(FakeFault.SlowFirstByte)]
    public async Task NoFirstByteWithinTheProviderTimeout_IsATimeout(FakeFault fault)
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        fake.SlowFirstByteDelay = TimeSpan.FromSeconds(3);
        var limit = TimeSpan.FromMilliseconds(400);
        await using var host = VoiceProviderHost.Create(limit);
        fake.FailNext(FakeOpenAiEndpoint.ChatCompletions, fault, count: 2);
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ProviderException>(() => Stream(chat));

        Assert.Equal(ProviderErrorKind.Timeout, failure.Error.Kind);
        Assert.InRange(clock.Elapsed, limit * 0.9, TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task SlowFirstByte_WithinTheProviderTimeout_Succeeds()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        fake.SlowFirstByteDelay = TimeSpan.FromMilliseconds(150);
        await using var host = VoiceProviderHost.Create(TimeSpan.FromSeconds(3));
        fake.FailNext(FakeOpenAiEndpoint.ChatCompletions, FakeFault.SlowFirstByte);
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        Assert.Equal("Okay.", await Stream(chat));
    }

    [Fact]
    public async Task EmptyReply_IsAnEmptyResult()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.EnqueueChatReply(FakeChatReply.Failing(FakeFault.Empty));
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Stream(chat));

        Assert.Equal(ProviderErrorKind.EmptyResult, failure.Error.Kind);
    }

    [Fact]
    public async Task MalformedStream_IsAProviderError_NotAnEscapingException()
    {
        await using var fake = await FakeOpenAiApi.StartAsync();
        await using var host = VoiceProviderHost.Create();
        fake.EnqueueChatReply(FakeChatReply.Failing(FakeFault.MalformedBody));
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(fake.BaseUrl, new Secret("k"), "m"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Stream(chat));

        Assert.Contains(failure.Error.Kind, new[] { ProviderErrorKind.Protocol, ProviderErrorKind.EmptyResult });
    }

    [Fact]
    public async Task UnreachableServer_IsUnreachable()
    {
        await using var host = VoiceProviderHost.Create();
        var fake = await FakeOpenAiApi.StartAsync();
        var baseUrl = fake.BaseUrl;
        await fake.DisposeAsync();
        using var chat = host.Get<IChatClientFactory>().Create(new LlmSettings(baseUrl, new Secret("k"), "m"));

        var failure = await Assert.ThrowsAsync<ProviderException>(() => Stream(chat));

        Assert.Equal(ProviderErrorKind.Unreachable, failure.Error.Kind);
    }

    private static async Task<string> Stream(IChatClient chat)
    {
        var text = new System.Text.StringBuilder();
        await foreach (var update in chat.GetStreamingResponseAsync(Conversation(), cancellationToken: TestContext.Current.CancellationToken))
            text.Append(update.Text);
        return text.ToString();
    }
}
