namespace CleanAgent.Application.Telephony;

/// <summary>What the provider's <c>start</c> message tells about the stream it opens.</summary>
public sealed record StreamStart(string StreamSid, string CallSid, IReadOnlyDictionary<string, string> CustomParameters);
