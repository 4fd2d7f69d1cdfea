using System.Security.Cryptography;
using System.Text;

namespace CleanAgent.CallSimulator;

/// <summary>
/// The <c>X-Twilio-Signature</c> Twilio puts on a Media Streams WebSocket upgrade: base64 of HMAC-SHA1 keyed with the
/// account's auth token over the stream URL exactly as Twilio was given it (an upgrade has no POST parameters to append).
/// Written here on its own, not shared with the server, so that a test of one checks the other.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The upgrade request header Twilio signs with.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The signature of <paramref name="streamUrl"/> (its absolute form) with <paramref name="authToken"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "Twilio defines its request signature as HMAC-SHA1.")]
    public static string For(string authToken, Uri streamUrl)
    {
        ArgumentNullException.ThrowIfNull(authToken);
        ArgumentNullException.ThrowIfNull(streamUrl);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(streamUrl.AbsoluteUri)));
    }
}
