namespace CleanAgent.Application.Agents;

/// <param name="Versions">Every version, the newest first.</param>
public sealed record AgentDetails(Guid Id, Guid AgentUuid, Guid OrganizationId, string Name, string Kind, bool IsArchived, DateTime CreatedAt,
    DateTime? ArchivedAt, IReadOnlyList<AgentVersionDetails> Versions);
