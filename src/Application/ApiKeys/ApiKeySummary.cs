namespace CleanAgent.Application.ApiKeys;

/// <summary>A key as it may be shown after its creation: its prefix, never the key.</summary>
public sealed record ApiKeySummary(Guid Id, string Name, string DisplayPrefix, bool IsArchived, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ArchivedAt);
