namespace CleanAgent.Application.Runs;

/// <summary>A run as the run list shows it: no contexts, its numbers in columns.</summary>
public sealed record RunListItem(
    Guid Id,
    string Name,
    string State,
    string? EndReason,
    string CallType,
    string Mode,
    string? CallerNumber,
    string? CalledNumber,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double? DurationSeconds);
