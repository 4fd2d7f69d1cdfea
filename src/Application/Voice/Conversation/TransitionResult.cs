using CleanAgent.Domain.Agents.Definitions;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// What taking a transition tool means for the call. On <see cref="TransitionOutcome.Moved"/> the voice
/// agent speaks <see cref="TransitionSpeech"/> (if any), then asks the LLM again in the same turn: the
/// history already holds the tool call and its result, and the system prompt and tools are the new node's.
/// When <see cref="EndsCall"/>, that next LLM reply is the goodbye; once it has played, the call ends
/// (<see cref="ConversationEngine.EndReason"/>).
/// </summary>
/// <param name="From">The node the LLM was on.</param>
/// <param name="To">The node the conversation is on now (<see cref="From"/> when the tool was unknown).</param>
/// <param name="Edge">The edge taken; null when the tool was unknown.</param>
/// <param name="TransitionSpeech">The edge's transition speech with placeholders filled; null when none.</param>
/// <param name="NodeToExtract">
/// The node just left when it extracts variables: run <see cref="ConversationEngine.BuildExtractionRequest"/>
/// for it off the speaking path, then <see cref="ConversationEngine.ApplyExtraction"/>. Null otherwise.
/// </param>
/// <param name="Error">Why the tool was refused (also given to the LLM as the tool's result); null when moved.</param>
public sealed record TransitionResult(
    TransitionOutcome Outcome,
    AgentNode From,
    AgentNode To,
    AgentEdge? Edge,
    string? TransitionSpeech,
    AgentNode? NodeToExtract,
    string? Error)
{
    public bool Moved => Outcome == TransitionOutcome.Moved;

    /// <summary>The conversation entered an end node: the LLM says goodbye, the last words play, then the hang-up.</summary>
    public bool EndsCall => Moved && To.Type == AgentNodeType.EndCall;
}
