namespace CleanAgent.Application.Common;

/// <summary>An expected failure: what kind, and a short message that is safe to show (never a secret).</summary>
public sealed record Error(ErrorKind Kind, string Message);
