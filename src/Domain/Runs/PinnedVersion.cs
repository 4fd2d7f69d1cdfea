namespace CleanAgent.Domain.Runs;

/// <summary>The agent version a run is pinned to, with the organization and agent that own it.</summary>
public readonly record struct PinnedVersion(Guid OrganizationId, Guid AgentId, Guid AgentVersionId);
