namespace CleanAgent.CallSimulator;

/// <summary>One hang-up request that reached <see cref="FakeCloudonixApi"/>, and what it answered.</summary>
/// <param name="Domain">The <c>{domain}</c> path segment, as sent (e.g. <c>acme</c> or <c>acme.cloudonix.net</c>).</param>
/// <param name="CallSid">The <c>{callSid}</c> path segment.</param>
/// <param name="Authorization">The raw <c>Authorization</c> header (<c>Bearer …</c>), or null when absent.</param>
/// <param name="At">When the request arrived.</param>
/// <param name="StatusReturned">The HTTP status the fake answered (204, or what <see cref="FakeCloudonixApi.FailNext"/> asked for).</param>
public sealed record RecordedHangup(string Domain, string CallSid, string? Authorization, DateTimeOffset At, int StatusReturned)
{
    /// <summary>The bearer token without its <c>Bearer </c> scheme, or null when the header is absent or another scheme.</summary>
    public string? BearerToken =>
        Authorization is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;

    /// <summary>True when the fake answered 2xx (the hang-up "happened").</summary>
    public bool Succeeded => StatusReturned is >= 200 and < 300;

    /// <summary>
    /// The token in a form safe for a console or a log: its first 4 characters and its length, never the whole secret.
    /// </summary>
    public string RedactedToken => BearerToken is { } token
        ? $"{token[..Math.Min(4, token.Length)]}… ({token.Length} chars)"
        : Authorization is null ? "(no Authorization header)" : "(not a bearer token)";

    /// <summary>A one-line description that never contains the whole bearer token.</summary>
    public override string ToString() =>
        $"{At.ToLocalTime():HH:mm:ss.fff} DELETE domain={Domain} call={CallSid} token={RedactedToken} -> {StatusReturned}";
}
