namespace CleanAgent.Application.Runs;

/// <summary>
/// One run, whole: what <see cref="RunSummary"/> lists, plus the agent version it pinned, its transcript, the nodes it
/// visited, its usage, per-turn latency and its recording. The REST API's <c>GET /runs/{id}</c> and <c>admin get-run</c>.
/// </summary>
/// <param name="AgentVersion">The pinned version's number.</param>
/// <param name="RecordingPath">Where the recording was written; null when the call was not recorded.</param>
public sealed record RunDetails(
    Guid Id,
    string Name,
    Guid AgentUuid,
    int AgentVersion,
    string State,
    string? EndReason,
    string CallType,
    string Mode,
    IReadOnlyDictionary<string, string> InitialContext,
    IReadOnlyDictionary<string, string> GatheredContext,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? EndedAt,
    double? DurationSeconds,
    string? RecordingPath,
    IReadOnlyList<TranscriptTurnDetails> Transcript,
    IReadOnlyList<NodeVisitDetails> NodesVisited,
    RunUsageDetails Usage,
    IReadOnlyList<TurnLatencyDetails> Latency);
