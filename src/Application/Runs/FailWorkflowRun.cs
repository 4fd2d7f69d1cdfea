using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>The call could not go on (handshake, fault, lost server): <c>created | running → failed</c>.</summary>
public sealed record FailWorkflowRun(Guid RunId, string Reason) : ICommand<Result>;

internal sealed class FailWorkflowRunValidator : AbstractValidator<FailWorkflowRun>
{
    public FailWorkflowRunValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(64);
    }
}

internal sealed class FailWorkflowRunHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<FailWorkflowRun, Result>
{
    public async ValueTask<Result> Handle(FailWorkflowRun command, CancellationToken cancellationToken) =>
        await RunEnding.EndAsync(db, command.RunId, run => run.Fail(command.Reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}
