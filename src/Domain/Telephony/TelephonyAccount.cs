using CleanAgent.Domain.Common;
using CleanAgent.Domain.Runs;

namespace CleanAgent.Domain.Telephony;

/// <summary>
/// An organization's account at one telephony provider: what CleanAgent needs to check that a call really comes from
/// the provider and to drive it (Twilio: the request signature and the REST hang-up). One per organization and
/// provider. The account SID identifies the account and is not secret; the auth token is kept only as the
/// protector's ciphertext, never in clear.
/// </summary>
public sealed class TelephonyAccount
{
    public const int MaxAccountSidLength = 128;

    /// <summary>Room for the ciphertext of the longest auth token accepted, with the protector's header and MAC.</summary>
    public const int MaxProtectedAuthTokenLength = 2048;

    private TelephonyAccount()
    {
        AccountSid = string.Empty;
        ProtectedAuthToken = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid OrganizationId { get; private set; }

    /// <summary>The provider, by the name runs carry as their mode (<c>twilio</c>).</summary>
    public CallMode Provider { get; private set; }

    public string AccountSid { get; private set; }

    /// <summary>The auth token as the secret protector encrypted it.</summary>
    public string ProtectedAuthToken { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public static TelephonyAccount Create(Guid organizationId, CallMode provider, string accountSid, string protectedAuthToken, DateTime now)
    {
        if (organizationId == Guid.Empty) throw new DomainException("A telephony account belongs to an organization.");
        if (provider.Name is null) throw new DomainException("A telephony account names its provider.");

        var account = new TelephonyAccount
        {
            Id = Guid.CreateVersion7(now),
            OrganizationId = organizationId,
            Provider = provider,
            CreatedAt = now,
        };
        account.Replace(accountSid, protectedAuthToken, now);
        return account;
    }

    /// <summary>New credentials for the same organization and provider (a rotated token, another account).</summary>
    public void Replace(string accountSid, string protectedAuthToken, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(accountSid) || accountSid.Length > MaxAccountSidLength)
            throw new DomainException($"An account SID is 1 to {MaxAccountSidLength} characters.");
        if (string.IsNullOrEmpty(protectedAuthToken) || protectedAuthToken.Length > MaxProtectedAuthTokenLength)
            throw new DomainException($"A protected auth token is 1 to {MaxProtectedAuthTokenLength} characters.");

        AccountSid = accountSid;
        ProtectedAuthToken = protectedAuthToken;
        UpdatedAt = now;
    }
}
