namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>
/// A node of a known type, with the fields the runtime uses and their defaults already applied.
/// Defaults, chosen to match Dograh's editor so imported agents behave as they did there:
/// <list type="bullet">
/// <item><see cref="AllowInterrupt"/>: true for <c>agentNode</c>; false for <c>startCall</c> and <c>endCall</c>
/// (the greeting and the goodbye play out whole unless the author says otherwise).</item>
/// <item><see cref="AddGlobalPrompt"/>: true, except false for <c>endCall</c>.</item>
/// <item><see cref="GreetingType"/>: text; <see cref="ExtractionEnabled"/>: false.</item>
/// </list>
/// </summary>
/// <param name="WireType">The <c>type</c> as written in the JSON.</param>
/// <param name="Greeting">The start node's text greeting (may hold placeholders); null when absent.</param>
public sealed record AgentNode(
    string Id,
    AgentNodeType Type,
    string WireType,
    string Name,
    string Prompt,
    string? Greeting,
    bool AllowInterrupt,
    bool AddGlobalPrompt)
{
    public AgentGreetingType GreetingType { get; init; } = AgentGreetingType.Text;

    /// <summary>Dograh's <c>greeting_recording_id</c> for an audio greeting; kept, not played yet.</summary>
    public string? GreetingRecordingId { get; init; }

    public bool ExtractionEnabled { get; init; }

    /// <summary>Overall instructions for the extractor (<c>extraction_prompt</c>), if any.</summary>
    public string? ExtractionPrompt { get; init; }

    public IReadOnlyList<ExtractionVariable> ExtractionVariables { get; init; } = [];

    /// <summary>Whether leaving this node runs a variable extraction: enabled, and something to extract.</summary>
    public bool NeedsExtraction => ExtractionEnabled && ExtractionVariables.Count > 0;

    /// <summary>The greeting the runtime speaks first: text greetings only, and only when not blank.</summary>
    public string? SpokenGreeting =>
        GreetingType == AgentGreetingType.Text && !string.IsNullOrWhiteSpace(Greeting) ? Greeting : null;
}
