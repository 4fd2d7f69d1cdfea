using CleanAgent.Application.Common;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Leaves a trace of a call refused before it ran (e.g. over quota): a run that goes <c>created → failed</c>
/// with the reason, so operators see refused calls next to the others.
/// </summary>
public sealed record RecordRefusedRun(RunSpec Spec, RunEndReason Reason) : ICommand<Result<StartedRun>>;

internal sealed class RecordRefusedRunValidator : AbstractValidator<RecordRefusedRun>
{
    public RecordRefusedRunValidator()
    {
        RuleFor(x => x.Spec).NotNull().SetValidator(new RunSpecValidator());
        RuleFor(x => x.Reason).NotNull().Must(r => !r.CompletesTheRun).WithMessage("A refused call fails its run.");
    }
}
