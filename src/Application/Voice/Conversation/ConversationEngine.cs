using CleanAgent.Domain.Agents.Definitions;
using CleanAgent.Domain.Runs;
using Microsoft.Extensions.AI;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// One call's walk through its agent's graph: the node it is on, what the LLM has been told and heard (the
/// chat history, in the shape <c>IChatClient</c> takes), the context that fills placeholders, and the nodes
/// visited. Pure and deterministic: no clock, no I/O, no threads. The voice agent calls the LLM itself
/// with <see cref="BuildChatMessages"/> and <see cref="BuildChatOptions"/>, and reports back what happened.
/// Not thread-safe: one call drives it from one loop.
/// </summary>
/// <remarks>
/// A turn, as the voice agent drives it: <see cref="AddCallerText"/> (or <see cref="AddDtmf"/>); call the
/// LLM; speak its text and <see cref="RecordAgentReply"/> what was heard; if it called a tool,
/// <see cref="TakeTransition"/>, speak the transition speech, and call the LLM again (same turn, new node).
/// Offer only the first tool call of a response (<see cref="ChatOptions.AllowMultipleToolCalls"/> is off):
/// after a move, the others were meant for a node the conversation has left.
/// </remarks>
public sealed class ConversationEngine
{
    private const string InterruptedProperty = "interrupted";

    private readonly List<ChatMessage> _history = [];
    private readonly List<string> _nodesVisited = [];
    private readonly Dictionary<string, string> _gathered = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _initialContext;
    private readonly IReadOnlyDictionary<string, string> _customParameters;
    private Dictionary<string, string> _context;
    private bool _begun;
    private int _generatedCallIds;

    /// <param name="initialContext">
    /// What the server knows of the call (<c>caller_number</c>, <c>called_number</c>, …). These keys win: a
    /// custom parameter or a gathered variable of the same name cannot change them, so nothing the caller
    /// controls can pass for the caller's number.
    /// </param>
    /// <param name="customParameters">Parameters given with the call; a gathered variable of the same name replaces one.</param>
    public ConversationEngine(
        ConversationGraph graph,
        IReadOnlyDictionary<string, string>? initialContext = null,
        IReadOnlyDictionary<string, string>? customParameters = null)
    {
        Graph = graph;
        _initialContext = initialContext ?? new Dictionary<string, string>();
        _customParameters = customParameters ?? new Dictionary<string, string>();
        _context = MergeContext();
        CurrentNode = graph.StartNode;
        _nodesVisited.Add(CurrentNode.Id);
    }

    public ConversationGraph Graph { get; }

    public AgentNode CurrentNode { get; private set; }

    /// <summary>Whether caller speech may interrupt the agent on the current node.</summary>
    public bool AllowInterrupt => CurrentNode.AllowInterrupt;

    /// <summary>The conversation as the LLM sees it, without the system prompt (which follows the node).</summary>
    public IReadOnlyList<ChatMessage> History => _history;

    /// <summary>Node ids in the order the conversation entered them, the start node first; a node entered twice appears twice.</summary>
    public IReadOnlyList<string> NodesVisited => _nodesVisited;

    /// <summary>The variables extracted so far: the run's gathered context.</summary>
    public IReadOnlyDictionary<string, string> GatheredVariables => _gathered;

    /// <summary>What placeholders are filled from: initial context, custom parameters and gathered variables, merged.</summary>
    public IReadOnlyDictionary<string, string> Context => _context;

    /// <summary>The conversation is on an end node: once the goodbye has played, the call ends.</summary>
    public bool IsEnding => CurrentNode.Type == AgentNodeType.EndCall;

    /// <summary>The run's end reason when the agent ends the call (<c>agent_ended</c>); null while the conversation goes on.</summary>
    public RunEndReason? EndReason => IsEnding ? RunEndReason.AgentEnded : null;

    /// <summary>
    /// The node whose variables are still to extract when the call ends on it (an end node that extracts, or
    /// any node the caller hung up on): the conversation leaves it too. Null when there is nothing to extract.
    /// </summary>
    public AgentNode? NodeToExtractAtCallEnd => CurrentNode.NeedsExtraction ? CurrentNode : null;

    /// <summary>
    /// The system prompt for the current node: the global node's prompt, then the node's own (the order
    /// Dograh uses), separated by a blank line, each with its placeholders filled. The global prompt is left
    /// out when the node sets <c>add_global_prompt: false</c> (end nodes by default).
    /// </summary>
    public string SystemPrompt
    {
        get
        {
            var parts = new List<string>(2);
            if (Graph.GlobalNode is { } global && CurrentNode.AddGlobalPrompt) parts.Add(PromptTemplate.Render(global.Prompt, _context).Trim());
            parts.Add(PromptTemplate.Render(CurrentNode.Prompt, _context).Trim());
            return string.Join("\n\n", parts.Where(p => p.Length > 0));
        }
    }

    /// <summary>
    /// How the call opens; call once, before anything else. The greeting's placeholders are filled; a
    /// greeting that is blank once filled, or an audio greeting (no recording store yet), counts as none.
    /// </summary>
    public ConversationOpening Begin()
    {
        if (_begun) throw new InvalidOperationException("The conversation has already begun.");
        _begun = true;

        var greeting = Graph.StartNode.SpokenGreeting is { } text ? PromptTemplate.Render(text, _context).Trim() : null;
        return new ConversationOpening(string.IsNullOrEmpty(greeting) ? null : greeting);
    }

    /// <summary>The messages for the next LLM call: the current system prompt, then the history. A new list each time.</summary>
    public IList<ChatMessage> BuildChatMessages()
    {
        var messages = new List<ChatMessage>(_history.Count + 1);
        var prompt = SystemPrompt;
        if (prompt.Length > 0) messages.Add(new ChatMessage(ChatRole.System, prompt));
        messages.AddRange(_history);
        return messages;
    }

    /// <summary>
    /// Options for the next LLM call: one tool per outgoing edge of the current node (none on an end node),
    /// one tool call per response, and the agent's LLM model when its configurations override it.
    /// </summary>
    public ChatOptions BuildChatOptions()
    {
        var options = new ChatOptions { ModelId = Graph.Configurations.ModelOverrides.LlmModel };
        var tools = Graph.ToolsOf(CurrentNode.Id);
        if (tools.Count > 0)
        {
            options.Tools = [.. tools];
            options.ToolMode = ChatToolMode.Auto;
            options.AllowMultipleToolCalls = false;
        }

        return options;
    }

    /// <summary>The caller's turn as transcribed. Blank text (nothing understood) is not a turn and is dropped.</summary>
    /// <returns>Whether the text was added.</returns>
    public bool AddCallerText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return false;
        _history.Add(new ChatMessage(ChatRole.User, trimmed));
        return true;
    }

    /// <summary>A key the caller pressed, given to the LLM as text (<c>The caller pressed 1</c>).</summary>
    /// <returns>False for a character that is no DTMF key (0-9, *, #, A-D); nothing is added then.</returns>
    public bool AddDtmf(char digit)
    {
        var key = char.ToUpperInvariant(digit);
        if (!(char.IsAsciiDigit(key) || key is '*' or '#' or >= 'A' and <= 'D')) return false;
        _history.Add(new ChatMessage(ChatRole.User, $"The caller pressed {key}"));
        return true;
    }

    /// <summary>
    /// The agent's turn as the caller heard it. When <paramref name="interrupted"/>, pass only what was heard
    /// (<see cref="HeardReply"/> cuts a reply to it); the message is then marked <c>interrupted</c> in its
    /// additional properties. Nothing heard, nothing recorded.
    /// </summary>
    public void RecordAgentReply(string spokenText, bool interrupted)
    {
        var text = spokenText.Trim();
        if (text.Length == 0) return;
        var message = new ChatMessage(ChatRole.Assistant, text);
        if (interrupted) message.AdditionalProperties = new AdditionalPropertiesDictionary { [InterruptedProperty] = true };
        _history.Add(message);
    }

    /// <summary>Whether a recorded agent message was cut short by the caller.</summary>
    public static bool WasInterrupted(ChatMessage message) =>
        message.AdditionalProperties?.TryGetValue(InterruptedProperty, out var value) == true && value is true;

    /// <summary>
    /// The LLM called <paramref name="toolName"/>. The call and its result go into the history under
    /// <paramref name="callId"/> (the id the LLM gave; one is made up when blank), as an assistant message with
    /// a <see cref="FunctionCallContent"/> and a tool message with the matching <see cref="FunctionResultContent"/>.
    /// A tool of an outgoing edge moves the conversation to its target; any other tool is refused, the refusal
    /// being the tool's result, so the LLM can correct itself on the same node.
    /// </summary>
    public TransitionResult TakeTransition(string toolName, string? callId)
    {
        var id = string.IsNullOrWhiteSpace(callId) ? $"transition_{++_generatedCallIds}" : callId;
        var from = CurrentNode;
        var edges = Graph.OutgoingEdges(from.Id);
        var edge = edges.FirstOrDefault(e => string.Equals(e.ToolName, toolName, StringComparison.Ordinal));

        _history.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(id, toolName, new Dictionary<string, object?>())]));
        if (edge is null)
        {
            var error = edges.Count == 0
                ? $"There is no tool named '{Shorten(toolName)}': no transition is available here."
                : $"There is no tool named '{Shorten(toolName)}'. The available tools are: {string.Join(", ", edges.Select(e => e.ToolName))}.";
            _history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(id, error)]));
            return new TransitionResult(TransitionOutcome.UnknownTool, from, from, null, null, null, error);
        }

        var to = Graph.Node(edge.Target);
        CurrentNode = to;
        _nodesVisited.Add(to.Id);
        var result = to.Type == AgentNodeType.EndCall
            ? $"Moved to '{to.Name}'. Say your goodbye now; the call ends after it."
            : $"Moved to '{to.Name}'. Continue the conversation from there.";
        _history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(id, result)]));

        var speech = edge.TransitionSpeech is { } text ? PromptTemplate.Render(text, _context).Trim() : null;
        return new TransitionResult(
            TransitionOutcome.Moved, from, to, edge,
            string.IsNullOrEmpty(speech) ? null : speech,
            from.NeedsExtraction ? from : null,
            Error: null);
    }

    /// <summary>The structured-output call that extracts <paramref name="node"/>'s variables from the conversation so far.</summary>
    /// <exception cref="ArgumentException">The node is not one of this graph's, or has nothing to extract.</exception>
    public VariableExtractionRequest BuildExtractionRequest(AgentNode node)
    {
        CheckOwnNode(node);
        if (!node.NeedsExtraction) throw new ArgumentException($"node '{node.Id}' has no variables to extract.", nameof(node));
        return VariableExtraction.BuildRequest(node, _history, _context, Graph.Configurations.ModelOverrides.LlmModel);
    }

    /// <summary>
    /// Takes the extractor's answer (untrusted: invalid JSON, wrong types, missing or extra keys, huge
    /// strings) for <paramref name="node"/> into the gathered context; what cannot be used is left out with a
    /// reason. Never throws on the answer. Gathered values fill placeholders from the next prompt on.
    /// </summary>
    /// <exception cref="ArgumentException">The node is not one of this graph's.</exception>
    public ExtractionOutcome ApplyExtraction(AgentNode node, string? answer)
    {
        CheckOwnNode(node);
        var outcome = VariableExtraction.ReadAnswer(node, answer);
        if (outcome.Values.Count == 0) return outcome;

        foreach (var (name, value) in outcome.Values) _gathered[name] = value;
        _context = MergeContext();
        return outcome;
    }

    private void CheckOwnNode(AgentNode node)
    {
        if (!Graph.Contains(node)) throw new ArgumentException($"node '{node.Id}' is not a node of this conversation's graph.", nameof(node));
    }

    /// <summary>Later sources override earlier ones: custom parameters, then gathered variables, then the initial context.</summary>
    private Dictionary<string, string> MergeContext()
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in _customParameters) merged[key] = value;
        foreach (var (key, value) in _gathered) merged[key] = value;
        foreach (var (key, value) in _initialContext) merged[key] = value;
        return merged;
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");
}
