using System.Text;

namespace CleanAgent.CallSimulator;

/// <summary>One call-update request that reached <see cref="FakeTwilioApi"/>, and what it answered.</summary>
/// <param name="AccountSid">The <c>{AccountSid}</c> path segment.</param>
/// <param name="CallSid">The <c>{CallSid}</c> path segment (without <c>.json</c>).</param>
/// <param name="Authorization">The raw <c>Authorization</c> header (<c>Basic …</c>), or null when absent. Carries the auth token: never print it.</param>
/// <param name="Status">The form's <c>Status</c> field (<c>completed</c> for a hang-up), or null when absent.</param>
/// <param name="At">When the request arrived.</param>
/// <param name="StatusReturned">200, 401 for credentials the fake was not given, 400 for a missing or unknown <c>Status</c>, or what <see cref="FakeTwilioApi.FailNext"/> asked for.</param>
public sealed record RecordedTwilioHangup(string AccountSid, string CallSid, string? Authorization, string? Status, DateTimeOffset At, int StatusReturned)
{
    /// <summary>The user and password of HTTP Basic, or null when the header is absent, another scheme, or malformed.</summary>
    public (string User, string Password)? BasicCredentials
    {
        get
        {
            if (Authorization is not { } header || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    /// <summary>True when the fake answered 2xx (the hang-up "happened").</summary>
    public bool Succeeded => StatusReturned is >= 200 and < 300;

    /// <summary>The Basic user and the password's first 4 characters and length: never the whole token.</summary>
    public string RedactedCredentials => BasicCredentials is var (user, password)
        ? $"{user}:{password[..Math.Min(4, password.Length)]}… ({password.Length} chars)"
        : Authorization is null ? "(no Authorization header)" : "(not HTTP Basic)";

    /// <summary>A one-line description that never contains the whole auth token.</summary>
    public override string ToString() =>
        $"{At.ToLocalTime():HH:mm:ss.fff} POST account={AccountSid} call={CallSid} Status={Status ?? "(none)"} auth={RedactedCredentials} -> {StatusReturned}";
}
