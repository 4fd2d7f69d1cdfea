using CleanAgent.Application.Common;

namespace CleanAgent.Application.Telephony;

/// <param name="AuthToken">In clear, for this call only: never stored, logged or printed (<see cref="Secret"/> hides it).</param>
public sealed record TelephonyCredentials(string AccountSid, Secret AuthToken);
