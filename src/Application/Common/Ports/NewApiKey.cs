namespace CleanAgent.Application.Common.Ports;

/// <param name="Key">The full key, shown once to whoever created it.</param>
/// <param name="Hash">What the database keeps.</param>
/// <param name="DisplayPrefix">The start of the key, safe to show later.</param>
public sealed record NewApiKey(Secret Key, string Hash, string DisplayPrefix);
