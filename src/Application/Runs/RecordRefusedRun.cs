using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Leaves a trace of a call refused before it ran (e.g. over quota): a run that goes <c>created → failed</c>
/// with the reason, so operators see refused calls next to the others.
/// </summary>
public sealed record RecordRefusedRun(
    Guid OrganizationId,
    Guid AgentId,
    Guid AgentVersionId,
    string CallType,
    string Mode,
    IReadOnlyDictionary<string, string> InitialContext,
    string Reason) : ICommand<Result<StartedRun>>;

internal sealed class RecordRefusedRunValidator : AbstractValidator<RecordRefusedRun>
{
    public RecordRefusedRunValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.AgentId).NotEmpty();
        RuleFor(x => x.AgentVersionId).NotEmpty();
        RuleFor(x => x.CallType).NotEmpty();
        RuleFor(x => x.Mode).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty();
    }
}

internal sealed class RecordRefusedRunHandler(IAppDbContext db, IServerInstance instance, TimeProvider clock)
    : ICommandHandler<RecordRefusedRun, Result<StartedRun>>
{
    public async ValueTask<Result<StartedRun>> Handle(RecordRefusedRun command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = await NewRunWriter.InsertAsync(db, name =>
        {
            var created = WorkflowRun.Create(name, command.OrganizationId, command.AgentId, command.AgentVersionId,
                command.CallType, command.Mode, command.InitialContext, capacityReservationId: null, instance.Id, now);
            created.Fail(command.Reason, now);
            return created;
        }, cancellationToken);

        return new StartedRun(run.Id, run.Name);
    }
}
