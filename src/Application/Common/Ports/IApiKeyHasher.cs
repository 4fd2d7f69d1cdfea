namespace CleanAgent.Application.Common.Ports;

/// <summary>Makes new API keys and hashes presented ones; the only place that sees a key in clear.</summary>
public interface IApiKeyHasher
{
    NewApiKey Generate();

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    string Hash(Secret apiKey);
}

/// <param name="Key">The full key, shown once to whoever created it.</param>
/// <param name="Hash">What the database keeps.</param>
/// <param name="DisplayPrefix">The start of the key, safe to show later.</param>
public sealed record NewApiKey(Secret Key, string Hash, string DisplayPrefix);
