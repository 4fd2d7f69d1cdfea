using CleanAgent.Domain.Runs;

namespace CleanAgent.Application.Runs;

/// <summary>
/// A run's typed values as the contract writes them (states <c>created</c>…<c>failed</c>, end reason codes, call types,
/// modes), for every mapper that shows a run: the CLI, the REST API and the dashboard read the same words.
/// </summary>
internal static class RunWireNames
{
    public static string StateName(WorkflowRunState state) => state.ToString().ToLowerInvariant();

    public static string? EndReasonCode(RunEndReason? reason) => reason?.Code;

    public static string CallTypeName(CallType callType) => callType.ToString().ToLowerInvariant();

    public static string ModeName(CallMode mode) => mode.Name;
}
