using System.Buffers.Text;
using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Security;

namespace CleanAgent.UnitTests.Application;

public sealed class ApiKeyHasherTests
{
    private readonly Sha256ApiKeyHasher _hasher = new();

    [Fact]
    public void Generate_MakesDgPrefixedBase64UrlOf32RandomBytes()
    {
        var key = _hasher.Generate();

        Assert.StartsWith("dg_", key.Key.Value, StringComparison.Ordinal);
        Assert.Equal(32, Base64Url.DecodeFromChars(key.Key.Value.AsSpan(3)).Length);
        Assert.Equal(key.Key.Value[..8], key.DisplayPrefix);
        Assert.NotEqual(key.Key.Value, _hasher.Generate().Key.Value);
    }

    [Fact]
    public void Hash_IsLowerHexSha256_OfTheKey()
    {
        // SHA-256("abc"), the FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", _hasher.Hash(new Secret("abc")));
    }

    [Fact]
    public void Generate_HashMatchesHashingTheKeyAgain()
    {
        var key = _hasher.Generate();

        Assert.Equal(key.Hash, _hasher.Hash(key.Key));
        Assert.DoesNotContain(key.Key.Value, key.Hash, StringComparison.Ordinal);
    }
}
