using CleanAgent.Application.Common;

namespace CleanAgent.Application.ApiKeys;

/// <param name="Key">The full key: returned this once, never stored.</param>
public sealed record CreatedApiKey(Guid Id, Secret Key, string DisplayPrefix, string Name, DateTime CreatedAt);
