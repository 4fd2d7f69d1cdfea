using System.Security.Cryptography;
using System.Text;
using CleanAgent.Application.Common;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>: base64 of HMAC-SHA1, keyed with the account's auth token, over the URL Twilio
/// was given followed by the POST parameters sorted by name, each name then value, no separators. A Media Streams
/// WebSocket upgrade has no POST parameters, so its signature covers the stream URL alone.
/// </summary>
internal static class TwilioRequestSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The signature Twilio would send for <paramref name="url"/> (exactly as written) and <paramref name="parameters"/>.</summary>
    public static string Compute(Secret authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        Convert.ToBase64String(Mac(authToken, url, parameters));

    /// <summary>
    /// True when <paramref name="signature"/> is Twilio's for <paramref name="url"/> with no parameters. The URL is tried as
    /// Twilio's own validators try it, with and without an explicit port, since which of the two Twilio signed depends
    /// on how the URL was written. The comparison takes the same time wherever the bytes differ.
    /// </summary>
    public static bool IsValid(Secret authToken, Uri url, string? signature)
    {
        if (authToken.IsBlank || string.IsNullOrWhiteSpace(signature)) return false;
        Span<byte> presented = stackalloc byte[HMACSHA1.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature.Trim(), presented, out var length) || length != HMACSHA1.HashSizeInBytes) return false;

        var valid = false;
        foreach (var candidate in SignedUrlCandidates(url))
            valid |= CryptographicOperations.FixedTimeEquals(presented, Mac(authToken, candidate, parameters: null));
        return valid;
    }

    /// <summary>The URL without a port (the scheme's default implied) and with its port written out.</summary>
    public static IReadOnlyList<string> SignedUrlCandidates(Uri url)
    {
        const UriComponents WithoutPort = UriComponents.Scheme | UriComponents.UserInfo | UriComponents.Host | UriComponents.PathAndQuery;
        var withoutPort = url.GetComponents(WithoutPort, UriFormat.UriEscaped);
        var withPort = url.GetComponents(WithoutPort | UriComponents.StrongPort, UriFormat.UriEscaped);
        return withoutPort == withPort ? [withoutPort] : [withoutPort, withPort];
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "Twilio defines its request signature as HMAC-SHA1; checking it needs the same algorithm.")]
    private static byte[] Mac(Secret authToken, string url, IEnumerable<KeyValuePair<string, string>>? parameters)
    {
        var signed = new StringBuilder(url);
        // Twilio sorts by name, then a repeated name's values; a repeated identical pair counts once.
        foreach (var (name, value) in (parameters ?? []).Distinct().OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            signed.Append(name).Append(value);
        return HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken.Value), Encoding.UTF8.GetBytes(signed.ToString()));
    }
}
