namespace CleanAgent.Application.Common;

/// <summary>An expected failure: what kind, and a short message that is safe to show (never a secret).</summary>
/// <param name="Fields">
/// For a validation error, the messages per input field (camelCase, as the API's JSON names them), for an API's
/// problem details; null otherwise. Messages only: never the value that was given, which may be a secret.
/// </param>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null);
