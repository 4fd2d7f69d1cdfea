using CleanAgent.Domain.Agents;

namespace CleanAgent.Application.Agents;

/// <summary>The agent a call is for, and the version (graph and configurations) the call runs.</summary>
public sealed record ResolvedWorkflow(
    Guid AgentId,
    Guid AgentUuid,
    AgentKind Kind,
    Guid VersionId,
    int VersionNumber,
    string DefinitionJson,
    AgentConfigurations Configurations);
