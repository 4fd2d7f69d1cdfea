using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>Creates the run of an admitted call and moves it to <c>running</c>; from then on the Runs tab shows it.</summary>
public sealed record StartWorkflowRun(
    Guid OrganizationId,
    Guid AgentId,
    Guid AgentVersionId,
    string CallType,
    string Mode,
    IReadOnlyDictionary<string, string> InitialContext,
    Guid CapacityReservationId) : ICommand<Result<StartedRun>>;

public sealed record StartedRun(Guid RunId, string Name);

internal sealed class StartWorkflowRunValidator : AbstractValidator<StartWorkflowRun>
{
    public StartWorkflowRunValidator()
    {
        RuleFor(x => x.OrganizationId).NotEmpty();
        RuleFor(x => x.AgentId).NotEmpty();
        RuleFor(x => x.AgentVersionId).NotEmpty();
        RuleFor(x => x.CallType).NotEmpty();
        RuleFor(x => x.Mode).NotEmpty();
        RuleFor(x => x.CapacityReservationId).NotEmpty();
    }
}

internal sealed class StartWorkflowRunHandler(IAppDbContext db, IServerInstance instance, TimeProvider clock)
    : ICommandHandler<StartWorkflowRun, Result<StartedRun>>
{
    public async ValueTask<Result<StartedRun>> Handle(StartWorkflowRun command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var run = await NewRunWriter.InsertAsync(db, name =>
        {
            var created = WorkflowRun.Create(name, command.OrganizationId, command.AgentId, command.AgentVersionId,
                command.CallType, command.Mode, command.InitialContext, command.CapacityReservationId, instance.Id, now);
            created.Start(now);
            return created;
        }, cancellationToken);

        return new StartedRun(run.Id, run.Name);
    }
}
