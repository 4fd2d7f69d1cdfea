using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;

namespace CleanAgent.Infrastructure.Security;

/// <summary>
/// Keys are <c>dg_</c> + 32 random bytes in base64url. A key carries 256 bits of entropy, so a plain SHA-256
/// is the right hash (a slow password hash would only slow down every call's admission).
/// </summary>
internal sealed class Sha256ApiKeyHasher : IApiKeyHasher
{
    public const string Prefix = "dg_";
    private const int DisplayPrefixLength = 8;

    public NewApiKey Generate()
    {
        var key = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var secret = new Secret(key);
        return new NewApiKey(secret, Hash(secret), key[..DisplayPrefixLength]);
    }

    public string Hash(Secret apiKey)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(apiKey.Value), digest);
        return Convert.ToHexStringLower(digest);
    }
}
