using System.Text.RegularExpressions;

namespace CleanAgent.Application.Telephony;

/// <summary>
/// Identifiers from outside (a call SID, a provider domain) that CleanAgent later puts into a provider's REST URL
/// path, together with the caller's bearer token. They are checked at admission: only letters, digits, <c>-</c>,
/// <c>_</c> and inner dots, bounded in length. A value such as <c>..</c> would otherwise be a dot segment that
/// moves the request, token and all, to another resource of the provider (RFC 3986 §5.2.4).
/// </summary>
public static partial class PathSafeIdentifier
{
    public const int MaxCallSidLength = 128;
    public const int MaxDomainLength = 253;

    /// <summary>A call id: starts with a letter, digit, <c>-</c> or <c>_</c> (never a dot), then any of those or dots.</summary>
    public static bool IsCallSid(string? value) =>
        value is { Length: > 0 and <= MaxCallSidLength } && CallSidPattern().IsMatch(value);

    /// <summary>A domain: dot-separated labels of letters, digits, <c>-</c> and <c>_</c>, no empty label.</summary>
    public static bool IsDomain(string? value) =>
        value is { Length: > 0 and <= MaxDomainLength } && DomainPattern().IsMatch(value);

    [GeneratedRegex(@"\A[A-Za-z0-9_-][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex CallSidPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}
