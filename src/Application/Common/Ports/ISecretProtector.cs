namespace CleanAgent.Application.Common.Ports;

/// <summary>
/// Encrypts secrets that must be stored (a provider's auth token) and decrypts them when they are needed. Every server
/// process and the admin CLI share the keys, so a value protected by one is readable by all of them.
/// </summary>
public interface ISecretProtector
{
    /// <summary>The secret, encrypted and authenticated for <paramref name="purpose"/>: safe to store, useless without the keys.</summary>
    string Protect(SecretPurpose purpose, Secret secret);

    /// <summary>
    /// The secret back from <see cref="Protect"/>'s output for the same purpose. A value that cannot be read (the keys
    /// were lost, the value altered or protected for another purpose) is a fault of the installation, not an expected
    /// outcome: it throws <see cref="System.Security.Cryptography.CryptographicException"/>.
    /// </summary>
    Secret Unprotect(SecretPurpose purpose, string protectedValue);
}
