using CleanAgent.Application.Common;
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
