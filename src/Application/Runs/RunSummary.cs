namespace CleanAgent.Application.Runs;

public sealed record RunSummary(
    Guid Id,
    string Name,
    string State,
    string? EndReason,
    string CallType,
    string Mode,
    IReadOnlyDictionary<string, string> InitialContext,
    IReadOnlyDictionary<string, string> GatheredContext,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double? DurationSeconds);
