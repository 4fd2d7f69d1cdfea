using System.Text.Json;
using System.Text.Json.Nodes;
using CleanAgent.Domain.Common;

namespace CleanAgent.Domain.Agents.Definitions;

/// <summary>
/// The conversation graph of an agent version, in the React Flow shape that Dograh's editor exports.
/// The JSON is kept exactly as given (unknown node types and fields survive an import); the typed view
/// exposes what the runtime uses. Build one only through <see cref="Parse"/>, which validates.
/// </summary>
public sealed class AgentDefinition
{
    private AgentDefinition(string json, IReadOnlyList<AgentNode> nodes, IReadOnlyList<AgentEdge> edges)
    {
        Json = json;
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>The definition as imported, to be stored as is.</summary>
    public string Json { get; }

    /// <summary>Nodes of the known types; nodes of unknown types are kept in <see cref="Json"/> only.</summary>
    public IReadOnlyList<AgentNode> Nodes { get; }

    public IReadOnlyList<AgentEdge> Edges { get; }

    public AgentNode StartNode => Nodes.Single(n => n.Type == AgentNodeType.StartCall);

    public AgentNode? GlobalNode => Nodes.SingleOrDefault(n => n.Type == AgentNodeType.GlobalNode);

    /// <summary>The smallest valid graph: a start node that leads to an end node.</summary>
    public static string MinimalJson { get; } = """
        {
          "nodes": [
            {"id": "start", "type": "startCall", "position": {"x": 0, "y": 0},
             "data": {"name": "Start", "prompt": "Greet the caller and find out what they need."}},
            {"id": "end", "type": "endCall", "position": {"x": 300, "y": 0},
             "data": {"name": "End", "prompt": "Thank the caller and say goodbye."}}
          ],
          "edges": [
            {"id": "start-end", "source": "start", "target": "end",
             "data": {"label": "Done", "condition": "The caller has what they need"}}
          ]
        }
        """;

    /// <summary>A bound on hostile input; a real graph is a few tens of kilobytes.</summary>
    public const int MaxJsonLength = 1024 * 1024;

    /// <summary>Bounds a hostile definition; Dograh's editor has no use for more.</summary>
    public const int MaxExtractionVariablesPerNode = 50;

    /// <summary>A variable name becomes a JSON-schema property and a placeholder name: short.</summary>
    public const int MaxVariableNameLength = 64;

    /// <summary>The longest tool name OpenAI-compatible servers accept; longer labels would fail every turn.</summary>
    public const int MaxToolNameLength = 64;

    /// <summary>Parses and validates a definition. Never throws on bad input: every problem is an error naming its node or edge.</summary>
    public static AgentDefinitionParseResult Parse(string json)
    {
        if (json.Length > MaxJsonLength)
            return AgentDefinitionParseResult.Invalid([$"The definition is larger than {MaxJsonLength / 1024} KiB."]);

        if (!JsonFields.TryParse(json, out var root, out var syntaxError))
            return AgentDefinitionParseResult.Invalid([$"The definition is not valid JSON: {syntaxError}"]);

        if (root is not JsonObject graph)
            return AgentDefinitionParseResult.Invalid(["The definition must be a JSON object with 'nodes' and 'edges'."]);

        var errors = new List<string>();
        var nodes = ReadNodes(graph, errors);
        var edges = ReadEdges(graph, errors);
        if (errors.Count == 0) CheckGraph(nodes, edges, errors);

        return errors.Count == 0
            ? AgentDefinitionParseResult.Valid(new AgentDefinition(json, nodes.Where(n => n.Type != AgentNodeType.Unknown).ToList(), edges))
            : AgentDefinitionParseResult.Invalid(errors);
    }

    private static List<AgentNode> ReadNodes(JsonObject graph, List<string> errors)
    {
        var nodes = new List<AgentNode>();
        if (graph["nodes"] is not JsonArray array)
        {
            errors.Add("The definition needs a 'nodes' array.");
            return nodes;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject node)
            {
                errors.Add($"nodes[{i}] is not an object.");
                continue;
            }

            var id = ReadString(node, "id");
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"nodes[{i}] has no 'id'.");
                continue;
            }

            var typeName = ReadString(node, "type");
            var type = AgentNodeTypes.FromWireName(typeName);
            // Nodes of unknown types (Dograh's trigger, webhook, qa, sticky notes…) are kept in the JSON but
            // not read: their data is none of the runtime's business, so it cannot fail an import.
            nodes.Add(type == AgentNodeType.Unknown
                ? new AgentNode(id, type, typeName ?? string.Empty, id, string.Empty, null, false, false)
                : AgentNodeReader.Read(id, type, typeName!, node["data"], errors));
        }

        return nodes;
    }

    private static List<AgentEdge> ReadEdges(JsonObject graph, List<string> errors)
    {
        var edges = new List<AgentEdge>();
        if (graph["edges"] is null) return edges;
        if (graph["edges"] is not JsonArray array)
        {
            errors.Add("'edges' must be an array.");
            return edges;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject edge)
            {
                errors.Add($"edges[{i}] is not an object.");
                continue;
            }

            var id = ReadString(edge, "id");
            var name = string.IsNullOrWhiteSpace(id) ? $"edges[{i}]" : $"edge '{id}'";
            var source = ReadString(edge, "source");
            var target = ReadString(edge, "target");
            var data = edge["data"] as JsonObject;
            var label = ReadString(data, "label");
            var condition = ReadString(data, "condition");
            var speechIsText = JsonFields.TryGetString(data, "transition_speech", out var transitionSpeech);

            var errorsBefore = errors.Count;
            if (string.IsNullOrWhiteSpace(id)) errors.Add($"{name} has no 'id'.");
            if (string.IsNullOrWhiteSpace(source)) errors.Add($"{name} has no 'source'.");
            if (string.IsNullOrWhiteSpace(target)) errors.Add($"{name} has no 'target'.");
            if (string.IsNullOrWhiteSpace(label)) errors.Add($"{name} needs a 'label'.");
            if (string.IsNullOrWhiteSpace(condition)) errors.Add($"{name} needs a 'condition'.");
            if (!speechIsText) errors.Add($"{name}: 'transition_speech' must be a string, not {JsonFields.KindOf(data!["transition_speech"]!)}.");
            if (label is not null && AgentEdge.ToToolName(label).Length > MaxToolNameLength)
                errors.Add($"{name} has a label longer than {MaxToolNameLength} characters; it names the LLM tool, which may be at most that long.");
            if (errors.Count > errorsBefore) continue;

            // A blank transition speech is no speech: nothing to say, nothing to wait for.
            edges.Add(new AgentEdge(id!, source!, target!, label!, condition!, string.IsNullOrWhiteSpace(transitionSpeech) ? null : transitionSpeech));
        }

        return edges;
    }

    private static void CheckGraph(List<AgentNode> nodes, List<AgentEdge> edges, List<string> errors)
    {
        foreach (var duplicate in nodes.GroupBy(n => n.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"node '{duplicate.Key}' appears {duplicate.Count()} times; node ids must be unique.");
        foreach (var duplicate in edges.GroupBy(e => e.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"edge '{duplicate.Key}' appears {duplicate.Count()} times; edge ids must be unique.");

        var byId = nodes.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            if (!byId.ContainsKey(edge.Source)) errors.Add($"edge '{edge.Id}' starts at unknown node '{edge.Source}'.");
            if (!byId.ContainsKey(edge.Target)) errors.Add($"edge '{edge.Id}' ends at unknown node '{edge.Target}'.");
        }

        var starts = nodes.Where(n => n.Type == AgentNodeType.StartCall).ToList();
        if (starts.Count != 1) errors.Add($"The graph needs exactly one startCall node; it has {starts.Count}.");

        var globals = nodes.Where(n => n.Type == AgentNodeType.GlobalNode).ToList();
        if (globals.Count > 1) errors.Add($"The graph may have at most one globalNode; it has {globals.Count} ({string.Join(", ", globals.Select(g => $"'{g.Id}'"))}).");

        foreach (var node in nodes)
        {
            var incoming = edges.Count(e => e.Target == node.Id);
            var outgoing = edges.Where(e => e.Source == node.Id).ToList();
            switch (node.Type)
            {
                case AgentNodeType.StartCall when incoming > 0:
                    errors.Add($"node '{node.Id}' (startCall) must not have incoming edges.");
                    break;
                case AgentNodeType.AgentNode when incoming == 0:
                    errors.Add($"node '{node.Id}' (agentNode) needs at least one incoming edge.");
                    break;
                case AgentNodeType.EndCall when outgoing.Count > 0:
                    errors.Add($"node '{node.Id}' (endCall) must not have outgoing edges.");
                    break;
                case AgentNodeType.GlobalNode when incoming + outgoing.Count > 0:
                    errors.Add($"node '{node.Id}' (globalNode) must not have edges.");
                    break;
            }

            foreach (var clash in outgoing.GroupBy(e => e.ToolName, StringComparer.Ordinal).Where(g => g.Count() > 1))
                errors.Add($"node '{node.Id}' has edges {string.Join(", ", clash.Select(e => $"'{e.Id}'"))} whose labels give the same tool name '{clash.Key}'.");
        }
    }

    private static string? ReadString(JsonObject? obj, string name) =>
        obj?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
