using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <summary>The telephony providers CleanAgent knows of, and which of them Agent Stream can bridge.</summary>
public static class TelephonyProviders
{
    public const string Cloudonix = "cloudonix";

    /// <summary>Real providers that Agent Stream has no implementation for yet.</summary>
    private static readonly HashSet<string> KnownButUnsupported = ["twilio", "plivo", "telnyx", "vonage", "vobiz", "ari"];

    public static Result<string> Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return new Error(ErrorKind.UnknownProvider, "Missing provider.");

        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == Cloudonix) return normalized;
        if (KnownButUnsupported.Contains(normalized))
            return new Error(ErrorKind.Unsupported, $"Provider '{normalized}' is not supported by Agent Stream yet.");

        return new Error(ErrorKind.UnknownProvider, "Unknown provider.");
    }
}
