namespace CleanAgent.Application.Calls;

/// <param name="RunName">The run this call is recorded as.</param>
/// <param name="DefinitionJson">The pinned agent version's conversation graph.</param>
/// <param name="Context">The run's initial context (caller number, custom parameters, …).</param>
public sealed record CallAgentContext(
    Domain.Agents.AgentKind Kind,
    string RunName,
    string DefinitionJson,
    IReadOnlyDictionary<string, string> Context);
