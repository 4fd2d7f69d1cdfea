namespace CleanAgent.Application.Agents;

/// <summary>The draft as saved: calls run it until a version is published.</summary>
public sealed record SavedDraft(Guid AgentUuid, Guid VersionId, int Number);
