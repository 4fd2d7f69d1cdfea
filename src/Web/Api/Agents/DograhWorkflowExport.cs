using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanAgent.Web.Api.Agents;

/// <summary>
/// A workflow as Dograh exports it: its name, its graph (React Flow JSON) and its <c>workflow_configurations</c>.
/// <c>POST /agents/import</c> takes one; <c>GET /agents/{agentUuid}/export</c> gives one back, graph and
/// configurations as they were imported (provider keys excepted: they are never stored).
/// </summary>
public sealed record DograhWorkflowExport(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("workflow_definition")] JsonElement WorkflowDefinition,
    [property: JsonPropertyName("workflow_configurations")] JsonElement? WorkflowConfigurations);
