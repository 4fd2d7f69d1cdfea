namespace CleanAgent.Application.Agents;

public sealed record CreatedAgent(Guid Id, Guid AgentUuid, Guid VersionId);
