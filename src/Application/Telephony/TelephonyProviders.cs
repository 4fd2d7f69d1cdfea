using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// What the contract says of provider names: how they are matched, and the answer for one that has no adapter
/// (a real provider Agent Stream cannot bridge yet is <c>1011</c>; a name nobody knows is <c>1008</c>).
/// </summary>
public static class TelephonyProviders
{
    /// <summary>Real providers that Agent Stream bridges: each has an adapter registered under this name.</summary>
    private static readonly HashSet<string> Bridged = ["cloudonix", "twilio"];

    /// <summary>Real providers that Agent Stream has no implementation for yet.</summary>
    private static readonly HashSet<string> KnownButUnsupported = ["plivo", "telnyx", "vonage", "vobiz", "ari"];

    /// <summary>Names of every real provider, bridged or not yet, for messages that list them.</summary>
    public static IEnumerable<string> KnownNames => Bridged.Concat(KnownButUnsupported);

    /// <summary>A real provider's name (normalized), whether Agent Stream bridges it yet or not.</summary>
    public static bool IsKnown(string? normalizedName) =>
        normalizedName is not null && (Bridged.Contains(normalizedName) || KnownButUnsupported.Contains(normalizedName));

    /// <summary>The name as providers are registered (trimmed, lower-case); null for a missing one.</summary>
    public static string? Normalize(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();

    /// <summary>Why a provider without an adapter cannot bridge the call.</summary>
    public static Error NotAvailable(string? normalizedName) => normalizedName switch
    {
        null => new Error(ErrorKind.UnknownProvider, "Missing provider."),
        _ when KnownButUnsupported.Contains(normalizedName) =>
            new Error(ErrorKind.Unsupported, $"Provider '{normalizedName}' is not supported by Agent Stream yet."),
        _ => new Error(ErrorKind.UnknownProvider, "Unknown provider."),
    };
}
