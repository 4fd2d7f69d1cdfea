using CleanAgent.Domain.Runs;
using Riok.Mapperly.Abstractions;

namespace CleanAgent.Application.Runs;

[Mapper]
[UseStaticMapper(typeof(RunWireNames))]
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
}
