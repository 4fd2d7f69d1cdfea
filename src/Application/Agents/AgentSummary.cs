namespace CleanAgent.Application.Agents;

/// <param name="AgentUuid">The identity telephony URLs carry.</param>
/// <param name="Kind"><c>voice</c> or <c>echo</c>.</param>
/// <param name="PublishedVersion">The published version's number; null while calls run the draft.</param>
/// <param name="DraftVersion">The draft's number; null when there is none.</param>
public sealed record AgentSummary(Guid Id, Guid AgentUuid, string Name, string Kind, bool IsArchived, int? PublishedVersion, int? DraftVersion, DateTime CreatedAt);
