namespace CleanAgent.Application.Voice.Conversation;

/// <summary>
/// What an extraction gave: the values taken into the gathered context (by variable name, as text: numbers
/// in invariant culture, booleans <c>true</c>/<c>false</c>) and, for anything left out or cut, why. Problems
/// are for logs and diagnostics; they never fail the call.
/// </summary>
public sealed record ExtractionOutcome(IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> Problems);
