using CleanAgent.Domain.Runs;
using Riok.Mapperly.Abstractions;

namespace CleanAgent.Application.Runs;

[Mapper]
internal static partial class RunListItemMapper
{
    [MapperIgnoreSource(nameof(WorkflowRun.OrganizationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentId))]
    [MapperIgnoreSource(nameof(WorkflowRun.AgentVersionId))]
    [MapperIgnoreSource(nameof(WorkflowRun.CapacityReservationId))]
    [MapperIgnoreSource(nameof(WorkflowRun.OwnerInstanceId))]
    [MapperIgnoreSource(nameof(WorkflowRun.IsEnded))]
    [MapperIgnoreSource(nameof(WorkflowRun.RecordingPath))]
    [MapperIgnoreSource(nameof(WorkflowRun.InitialContext))]
    [MapperIgnoreSource(nameof(WorkflowRun.GatheredContext))]
    public static partial RunListItem ToListItem(WorkflowRun run);

    private static string StateName(WorkflowRunState state) => state.ToString().ToLowerInvariant();

    private static string? EndReasonCode(RunEndReason? reason) => reason?.Code;

    private static string CallTypeName(CallType callType) => callType.ToString().ToLowerInvariant();

    private static string ModeName(CallMode mode) => mode.Name;
}
