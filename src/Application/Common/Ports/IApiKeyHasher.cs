namespace CleanAgent.Application.Common.Ports;

/// <summary>Makes new API keys and hashes presented ones; the only place that sees a key in clear.</summary>
public interface IApiKeyHasher
{
    NewApiKey Generate();

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    string Hash(Secret apiKey);
}
