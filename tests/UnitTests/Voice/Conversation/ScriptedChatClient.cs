using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace CleanAgent.UnitTests.Voice.Conversation;

/// <summary>
/// An <see cref="IChatClient"/> that answers from a script, one response per call, and keeps what it was
/// sent: a stand-in for the LLM when checking what the engine gives it.
/// </summary>
internal sealed class ScriptedChatClient(params ChatResponse[] script) : IChatClient
{
    private readonly Queue<ChatResponse> _script = new(script);

    public List<(List<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public static ChatResponse Says(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    public static ChatResponse CallsTool(string callId, string name) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name)]));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(([.. messages], options));
        return Task.FromResult(_script.Dequeue());
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
