using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Agents.Definitions;
using Microsoft.Extensions.AI;

namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// An agent version's graph made ready for calls: nodes by id, the outgoing edges of each node as LLM tools,
/// the start and global nodes, and the agent's configurations. Immutable, so one instance can serve every
/// call of the version; the per-call state lives in <see cref="ConversationEngine"/>.
/// </summary>
public sealed class ConversationGraph
{
    /// <summary>Transition tools take no arguments: choosing the tool is the whole decision.</summary>
    private static readonly JsonElement NoParameters = JsonDocument.Parse("""{"type":"object","properties":{},"additionalProperties":false}""").RootElement.Clone();

    private readonly Dictionary<string, AgentNode> _nodes;
    private readonly Dictionary<string, IReadOnlyList<AgentEdge>> _outgoing;
    private readonly Dictionary<string, IReadOnlyList<AITool>> _tools;

    private ConversationGraph(AgentDefinition definition, AgentConfigurations configurations)
    {
        Definition = definition;
        Configurations = configurations;
        StartNode = definition.StartNode;
        GlobalNode = definition.GlobalNode;

        // The nodes a conversation can be on; the global node only lends its prompt.
        _nodes = definition.Nodes
            .Where(n => n.Type is AgentNodeType.StartCall or AgentNodeType.AgentNode or AgentNodeType.EndCall)
            .ToDictionary(n => n.Id, StringComparer.Ordinal);

        // An edge to or from a node the runtime ignores (a Dograh webhook or trigger node) leads nowhere a
        // call can go, so it is not offered. Edges keep their order in the JSON: tools are listed the same
        // way on every call.
        _outgoing = _nodes.Keys.ToDictionary(
            id => id,
            id => (IReadOnlyList<AgentEdge>)definition.Edges.Where(e => e.Source == id && _nodes.ContainsKey(e.Target)).ToList(),
            StringComparer.Ordinal);

        _tools = _outgoing.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<AITool>)pair.Value.Select(e => (AITool)AIFunctionFactory.CreateDeclaration(e.ToolName, e.Condition, NoParameters)).ToList(),
            StringComparer.Ordinal);
    }

    public AgentDefinition Definition { get; }

    public AgentConfigurations Configurations { get; }

    public AgentNode StartNode { get; }

    /// <summary>The node whose prompt is added to every node's that has <see cref="AgentNode.AddGlobalPrompt"/>; null when none.</summary>
    public AgentNode? GlobalNode { get; }

    /// <summary>The nodes a conversation can be on: start, agent and end nodes.</summary>
    public IReadOnlyCollection<AgentNode> Nodes => _nodes.Values;

    public static ConversationGraph From(AgentDefinition definition, AgentConfigurations? configurations = null) =>
        new(definition, configurations ?? AgentConfigurations.Empty);

    /// <summary>
    /// Parses a pinned version's stored definition and configurations. Stored versions were validated when
    /// saved, so a failure here means the stored data changed under us: a validation error naming what is wrong.
    /// </summary>
    public static Result<ConversationGraph> Load(string definitionJson, string? configurationsJson)
    {
        var definition = AgentDefinition.Parse(definitionJson);
        if (!definition.IsValid)
            return new Error(ErrorKind.Validation, $"The agent definition is invalid: {string.Join(" ", definition.Errors)}");

        var configurations = AgentConfigurations.Parse(configurationsJson);
        if (!configurations.IsValid)
            return new Error(ErrorKind.Validation, $"The agent configurations are invalid: {string.Join(" ", configurations.Errors)}");

        return From(definition.Definition!, configurations.Configurations);
    }

    /// <exception cref="KeyNotFoundException">No start, agent or end node has this id.</exception>
    public AgentNode Node(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"The graph has no node '{id}' a call can be on.");

    public bool Contains(AgentNode node) => _nodes.TryGetValue(node.Id, out var known) && ReferenceEquals(known, node);

    /// <summary>The transitions offered on a node, in definition order; empty for an end node.</summary>
    public IReadOnlyList<AgentEdge> OutgoingEdges(string nodeId) => _outgoing.TryGetValue(nodeId, out var edges) ? edges : [];

    /// <summary>One declaration-only tool per outgoing edge: named <see cref="AgentEdge.ToolName"/>, described by the condition.</summary>
    public IReadOnlyList<AITool> ToolsOf(string nodeId) => _tools.TryGetValue(nodeId, out var tools) ? tools : [];
}
