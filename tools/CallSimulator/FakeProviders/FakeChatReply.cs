namespace CleanAgent.CallSimulator.FakeProviders;

/// <summary>
/// What <see cref="FakeOpenAiApi"/> answers to one chat completion: text deltas, tool calls whose arguments arrive in
/// pieces, usage in the last chunk, or a fault. Built fluently, e.g.
/// <c>FakeChatReply.Text("Sure, ", "one moment.").ThenToolCall("call_1", "go_to_billing", "{\"reason\":", "\"invoice\"}")</c>.
/// </summary>
public sealed class FakeChatReply
{
    private readonly List<string> _textDeltas = [];
    private readonly List<FakeToolCall> _toolCalls = [];

    private FakeChatReply() { }

    /// <summary>The text, one streamed chunk per delta.</summary>
    public IReadOnlyList<string> TextDeltas => _textDeltas;

    /// <summary>The tool calls, after the text.</summary>
    public IReadOnlyList<FakeToolCall> ToolCalls => _toolCalls;

    /// <summary>Prompt tokens reported in the last chunk.</summary>
    public int PromptTokens { get; private set; } = 10;

    /// <summary>Completion tokens reported in the last chunk.</summary>
    public int CompletionTokens { get; private set; } = 5;

    /// <summary>How the answer misbehaves instead (<see cref="FakeFault.None"/>: it does not).</summary>
    public FakeFault Fault { get; private set; }

    /// <summary>A reply whose text streams as these deltas (none: a reply with only tool calls to follow).</summary>
    public static FakeChatReply Text(params string[] deltas)
    {
        var reply = new FakeChatReply();
        reply._textDeltas.AddRange(deltas);
        return reply;
    }

    /// <summary>A reply that only calls a tool.</summary>
    public static FakeChatReply ToolCall(string id, string name, params string[] argumentParts) => Text().ThenToolCall(id, name, argumentParts);

    /// <summary>A reply that fails as <paramref name="fault"/> says.</summary>
    public static FakeChatReply Failing(FakeFault fault) => new() { Fault = fault };

    /// <summary>Adds a tool call: its id and name come in its first delta, its arguments in the pieces given, one chunk each.</summary>
    public FakeChatReply ThenToolCall(string id, string name, params string[] argumentParts)
    {
        _toolCalls.Add(new FakeToolCall(id, name, argumentParts));
        return this;
    }

    /// <summary>Sets the usage reported in the last chunk.</summary>
    public FakeChatReply WithUsage(int promptTokens, int completionTokens)
    {
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        return this;
    }
}
