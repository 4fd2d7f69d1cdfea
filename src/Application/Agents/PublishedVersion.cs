namespace CleanAgent.Application.Agents;

/// <summary>The version new calls now run.</summary>
public sealed record PublishedVersion(Guid AgentUuid, Guid VersionId, int Number, DateTime PublishedAt);
