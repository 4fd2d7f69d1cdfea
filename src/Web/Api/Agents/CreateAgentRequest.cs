using System.Text.Json;

namespace CleanAgent.Web.Api.Agents;

/// <param name="Kind"><c>voice</c> (default) or <c>echo</c>.</param>
/// <param name="Definition">The conversation graph (React Flow JSON, as Dograh exports it); none: a start node and an end node.</param>
/// <param name="Configurations">Dograh's <c>workflow_configurations</c>; none: the server's settings.</param>
public sealed record CreateAgentRequest(string Name, string? Kind, JsonElement? Definition, JsonElement? Configurations);
