using CleanAgent.Domain.Runs;
using Riok.Mapperly.Abstractions;

namespace CleanAgent.Application.Runs;

[Mapper]
[UseStaticMapper(typeof(RunWireNames))]
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
}
