namespace CleanAgent.Application.Telephony;

/// <summary>What the provider's <c>start</c> message tells about the stream it opens.</summary>
/// <param name="AccountSid">The provider account the call belongs to, when <c>start</c> names it.</param>
public sealed record StreamStart(string StreamSid, string CallSid, IReadOnlyDictionary<string, string> CustomParameters, string? AccountSid = null);
