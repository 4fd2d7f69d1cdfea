namespace CleanAgent.Application.Voice.Conversation;

public enum TransitionOutcome
{
    /// <summary>The conversation moved to the edge's target node.</summary>
    Moved,

    /// <summary>The LLM called a tool the current node does not offer; the conversation stays where it is.</summary>
    UnknownTool,
}
