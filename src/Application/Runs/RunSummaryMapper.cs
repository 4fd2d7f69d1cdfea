using CleanAgent.Domain.Runs;
using Riok.Mapperly.Abstractions;

namespace CleanAgent.Application.Runs;

[Mapper]
internal static partial class RunSummaryMapper
{
    [MapperIgnoreSource(nameof(WorkflowRun.OrganizationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.CallerNumber))] // in the initial context already
    [MapperIgnoreSource(nameof(WorkflowRun.CalledNumber))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentId))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentVersionId))]
    [MapperIgnoreSource(nameof(WorkflowRun.CapacityReservationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.OwnerInstanceId))]
    [MapperIgnoreSource(nameof(WorkflowRun.IsEnded))]
    [MapperIgnoreSource(nameof(WorkflowRun.RecordingPath))]
    public static partial RunSummary ToSummary(WorkflowRun run);

    /// <summary>States read as the contract writes them: <c>created</c>, <c>running</c>, <c>completed</c>, <c>failed</c>.</summary>
    private static string StateName(WorkflowRunState state) => state.ToString().ToLowerInvariant();

    private static string? EndReasonCode(RunEndReason? reason) => reason?.Code;

    private static string CallTypeName(CallType callType) => callType.ToString().ToLowerInvariant();

    private static string ModeName(CallMode mode) => mode.Name;
}
