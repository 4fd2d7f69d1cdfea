namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// How a call opens: the start node's greeting spoken as written (text-to-speech, no LLM call), or, with no
/// greeting, the LLM speaking first from the start node's prompt. Either way the agent's words are recorded
/// once played, like every agent turn, with <see cref="ConversationEngine.RecordAgentReply"/>, so an
/// interrupted greeting keeps only what the caller heard.
/// </summary>
/// <param name="Greeting">The greeting with its placeholders filled; null when the LLM speaks first.</param>
public sealed record ConversationOpening(string? Greeting)
{
    public bool LlmSpeaksFirst => Greeting is null;
}
