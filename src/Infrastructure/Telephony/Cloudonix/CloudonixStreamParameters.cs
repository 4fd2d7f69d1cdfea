using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Infrastructure.Telephony.Cloudonix;

/// <summary>
/// What Cloudonix puts in the Agent Stream URL. <see cref="Session"/> is the domain bearer token: it lives in
/// memory for the call only and is never stored or logged.
/// </summary>
internal sealed record CloudonixStreamParameters(
    Secret Session,
    string? AccountSid,
    string? CallSid,
    string? CallId,
    string? From,
    string? To)
{
    /// <summary>
    /// The provider parameters the contract requires; missing or blank ones are named in the error. The two that go
    /// into the hang-up URL's path must be safe there (<see cref="PathSafeIdentifier"/>); their values are never
    /// echoed, since they come from outside and may be anything.
    /// </summary>
    public Result Validate()
    {
        var missing = new List<string>(3);
        if (Session.IsBlank) missing.Add("session");
        if (string.IsNullOrWhiteSpace(AccountSid)) missing.Add("AccountSid");
        if (string.IsNullOrWhiteSpace(CallSid)) missing.Add("CallSid");
        if (missing.Count > 0)
            return new Error(ErrorKind.ProviderHandshake, $"Missing cloudonix parameter(s): {string.Join(", ", missing)}.");

        if (!PathSafeIdentifier.IsDomain(AccountSid))
            return new Error(ErrorKind.ProviderHandshake,
                $"Invalid cloudonix parameter AccountSid: a domain of letters, digits, '-', '_' and inner dots, at most {PathSafeIdentifier.MaxDomainLength} characters.");
        if (!PathSafeIdentifier.IsCallSid(CallSid))
            return new Error(ErrorKind.ProviderHandshake,
                $"Invalid cloudonix parameter CallSid: letters, digits, '-', '_' and dots (not first), at most {PathSafeIdentifier.MaxCallSidLength} characters.");

        return Result.Success();
    }

    /// <summary>Reads them from the Agent Stream URL, names matched exactly as Cloudonix sends them.</summary>
    public static CloudonixStreamParameters Read(StreamRequest request) => new(
        new Secret(request.Query("session") ?? string.Empty),
        request.Query("AccountSid"),
        request.Query("CallSid"),
        request.Query("callId"),
        request.Query("from"),
        request.Query("to"));

    /// <summary>The run's <c>initial_context</c> as the contract names its keys.</summary>
    public IReadOnlyDictionary<string, string> ToInitialContext()
    {
        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["provider"] = CloudonixProvider.Name,
            ["direction"] = "inbound",
            ["caller_number"] = From ?? string.Empty,
            ["called_number"] = To ?? string.Empty,
            ["call_id"] = CallId ?? string.Empty,
            ["account_sid"] = AccountSid ?? string.Empty,
        };
        return context;
    }
}
