using System.Security.Cryptography;
using CleanAgent.Application.Common;
using CleanAgent.Domain.Runs;
using CleanAgent.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection;
using Secret = CleanAgent.Application.Common.Secret;

namespace CleanAgent.UnitTests.Application;

public sealed class DataProtectionSecretProtectorTests
{
    private static readonly Guid Organization = Guid.CreateVersion7();
    private static readonly SecretPurpose TwilioToken = SecretPurpose.TelephonyAuthToken(Organization, CallMode.Of("twilio"));

    private readonly DataProtectionSecretProtector _protector = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void ProtectedSecret_ReadsBack_AndDoesNotContainTheSecret()
    {
        var secret = new Secret("auth-token-0123456789abcdef");

        var stored = _protector.Protect(TwilioToken, secret);

        Assert.DoesNotContain("0123456789abcdef", stored, StringComparison.Ordinal);
        Assert.Equal(secret.Value, _protector.Unprotect(TwilioToken, stored).Value);
    }

    [Fact]
    public void SameSecretTwice_GivesDifferentCiphertexts()
    {
        Assert.NotEqual(_protector.Protect(TwilioToken, new Secret("t")), _protector.Protect(TwilioToken, new Secret("t")));
    }

    [Fact]
    public void ValueOfAnotherOrganizationOrProvider_DoesNotUnprotect()
    {
        var stored = _protector.Protect(TwilioToken, new Secret("auth-token"));

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(SecretPurpose.TelephonyAuthToken(Guid.CreateVersion7(), CallMode.Of("twilio")), stored));
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(SecretPurpose.TelephonyAuthToken(Organization, CallMode.Of("cloudonix")), stored));
    }

    [Fact]
    public void AlteredValue_DoesNotUnprotect()
    {
        var stored = _protector.Protect(TwilioToken, new Secret("auth-token"));
        var altered = stored[..^2] + (stored[^2] == 'A' ? 'B' : 'A') + stored[^1];

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(TwilioToken, altered));
    }
}
