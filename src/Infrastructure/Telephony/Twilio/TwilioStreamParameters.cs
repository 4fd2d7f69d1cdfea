using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.Twilio;

/// <summary>
/// What a Twilio call tells CleanAgent, all of it in <c>start</c> (Twilio accepts no query string in a stream URL):
/// the call and account SIDs from <c>start</c> itself, the CleanAgent key and the caller's numbers from the TwiML's
/// <c>&lt;Parameter&gt;</c>s in <c>start.customParameters</c>. <see cref="ApiKey"/> is a secret: it is taken out of the
/// parameters the run keeps and never printed.
/// </summary>
internal sealed record TwilioStreamParameters(
    Secret ApiKey,
    string? AccountSid,
    string? CallSid,
    string? CallId,
    string? From,
    string? To)
{
    public const string ApiKeyParameter = "api_key";

    /// <summary>Nothing is known before <c>start</c>.</summary>
    public static TwilioStreamParameters None { get; } = new(new Secret(string.Empty), null, null, null, null, null);

    /// <summary>Reads <paramref name="start"/>; <paramref name="kept"/> is its custom parameters without the API key.</summary>
    public static TwilioStreamParameters Read(StreamStart start, out IReadOnlyDictionary<string, string> kept)
    {
        var custom = start.CustomParameters;
        var remaining = new Dictionary<string, string>(custom.Count, StringComparer.Ordinal);
        foreach (var (name, value) in custom)
            if (!string.Equals(name, ApiKeyParameter, StringComparison.Ordinal)) remaining[name] = value;
        kept = remaining;

        return new TwilioStreamParameters(
            new Secret(custom.GetValueOrDefault(ApiKeyParameter) ?? string.Empty),
            start.AccountSid,
            start.CallSid,
            Optional(custom, "callId"),
            Optional(custom, "from"),
            Optional(custom, "to"));
    }

    /// <summary>
    /// Both SIDs go into the hang-up URL's path, so they must be there and safe in it (<see cref="PathSafeIdentifier"/>);
    /// their values are never echoed, since they come from outside and may be anything.
    /// </summary>
    public Result Validate()
    {
        var missing = new List<string>(2);
        if (string.IsNullOrWhiteSpace(AccountSid)) missing.Add("start.accountSid");
        if (string.IsNullOrWhiteSpace(CallSid)) missing.Add("start.callSid");
        if (missing.Count > 0)
            return new Error(ErrorKind.ProviderHandshake, $"Missing twilio parameter(s): {string.Join(", ", missing)}.");

        if (!PathSafeIdentifier.IsCallSid(AccountSid))
            return new Error(ErrorKind.ProviderHandshake,
                $"Invalid twilio parameter start.accountSid: letters, digits, '-', '_' and dots (not first), at most {PathSafeIdentifier.MaxCallSidLength} characters.");
        if (!PathSafeIdentifier.IsCallSid(CallSid))
            return new Error(ErrorKind.ProviderHandshake,
                $"Invalid twilio parameter start.callSid: letters, digits, '-', '_' and dots (not first), at most {PathSafeIdentifier.MaxCallSidLength} characters.");

        return Result.Success();
    }

    /// <summary>The run's <c>initial_context</c> as the contract names its keys, the same as for Cloudonix.</summary>
    public IReadOnlyDictionary<string, string> ToInitialContext() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["provider"] = TwilioProvider.Name,
        ["direction"] = "inbound",
        ["caller_number"] = From ?? string.Empty,
        ["called_number"] = To ?? string.Empty,
        ["call_id"] = CallId ?? string.Empty,
        ["account_sid"] = AccountSid ?? string.Empty,
    };

    private static string? Optional(IReadOnlyDictionary<string, string> custom, string name) =>
        custom.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
