using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Common;

/// <summary>
/// What a protected secret is for, down to whose it is. The protector derives a separate key per purpose, so a
/// value protected for one purpose cannot be read as another: an auth token copied into another organization's row,
/// or into another provider's, no longer unprotects.
/// </summary>
public readonly record struct SecretPurpose
{
    private SecretPurpose(string name) => Name = name;

    /// <summary>A stable name: changing it makes every value protected under it unreadable.</summary>
    public string Name { get; }

    /// <summary>An organization's auth token at one telephony provider.</summary>
    public static SecretPurpose TelephonyAuthToken(Guid organizationId, CallMode provider) =>
        new($"telephony-auth-token/{organizationId:D}/{provider.Name}");

    /// <summary>An organization's API key at the provider of one voice stage (<c>llm</c>, <c>stt</c>, <c>tts</c>).</summary>
    public static SecretPurpose ProviderApiKey(Guid organizationId, string stage) =>
        new($"provider-api-key/{organizationId:D}/{stage}");

    public override string ToString() => Name;
}
