using CleanAgent.Application.Runs;

namespace CleanAgent.Web.Api.Runs;

/// <summary>
/// One run as the REST API shows it: <see cref="RunDetails"/> with a link to the recording in place of the server's
/// file path (which is the server's business, not the caller's).
/// </summary>
/// <param name="RecordingUrl">The recording's download (<c>GET /api/v1/runs/{id}/recording</c>); null when the call was not recorded.</param>
public sealed record RunResponse(
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
    string? RecordingUrl,
    IReadOnlyList<TranscriptTurnDetails> Transcript,
    IReadOnlyList<NodeVisitDetails> NodesVisited,
    RunUsageDetails Usage,
    IReadOnlyList<TurnLatencyDetails> Latency)
{
    public static RunResponse Of(RunDetails run) => new(
        run.Id, run.Name, run.AgentUuid, run.AgentVersion, run.State, run.EndReason, run.CallType, run.Mode, run.InitialContext,
        run.GatheredContext, run.CreatedAt, run.StartedAt, run.EndedAt, run.DurationSeconds,
        run.RecordingPath is null ? null : $"/api/v1/runs/{run.Id}/recording",
        run.Transcript, run.NodesVisited, run.Usage, run.Latency);
}
