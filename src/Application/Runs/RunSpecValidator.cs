using CleanAgent.Domain.Runs;
using FluentValidation;

namespace CleanAgent.Application.Runs;

/// <summary>What every new run needs, whether it is admitted or refused.</summary>
internal sealed class RunSpecValidator : AbstractValidator<RunSpec>
{
    public const int MaxContextEntries = 200;

    public RunSpecValidator()
    {
        RuleFor(x => x.Version.OrganizationId).NotEmpty();
        RuleFor(x => x.Version.AgentId).NotEmpty();
        RuleFor(x => x.Version.AgentVersionId).NotEmpty();
        RuleFor(x => x.CallType).IsInEnum();
        RuleFor(x => x.Mode.Name).Must(CallMode.IsValid).WithMessage("A run needs a mode.");
        RuleFor(x => x.InitialContext.Count).LessThanOrEqualTo(MaxContextEntries);
    }
}
