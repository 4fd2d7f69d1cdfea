using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Creates the run of an admitted call, holding the call slot <see cref="CheckQuota"/> reserved, and moves it to
/// <c>running</c>; from then on the Runs tab shows it.
/// </summary>
public sealed record StartWorkflowRun(RunSpec Spec, Guid CapacityReservationId) : ICommand<Result<StartedRun>>;

internal sealed class StartWorkflowRunValidator : AbstractValidator<StartWorkflowRun>
{
    public StartWorkflowRunValidator()
    {
        RuleFor(x => x.Spec).NotNull().SetValidator(new RunSpecValidator());
        RuleFor(x => x.CapacityReservationId).NotEmpty();
    }
}

internal sealed class StartWorkflowRunHandler(IAppDbContext db, IServerInstance instance, TimeProvider clock)
    : ICommandHandler<StartWorkflowRun, Result<StartedRun>>
{
    public async ValueTask<Result<StartedRun>> Handle(StartWorkflowRun command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await NewRunWriter.InsertAsync(db,
            name => WorkflowRun.Admit(name, command.Spec, command.CapacityReservationId, instance.Id, now), cancellationToken);
    }
}
