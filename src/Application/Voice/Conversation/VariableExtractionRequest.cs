using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// A structured-output LLM call that extracts a node's variables from the conversation so far: send
/// <see cref="Messages"/> with <see cref="Options"/> (a JSON-schema response format, no tools) through
/// <c>IChatClient</c>, then hand the response text to <see cref="ConversationEngine.ApplyExtraction"/>.
/// </summary>
public sealed record VariableExtractionRequest(AgentNode Node, IList<ChatMessage> Messages, ChatOptions Options);
