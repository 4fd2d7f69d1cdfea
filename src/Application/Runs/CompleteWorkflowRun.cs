using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using FluentValidation;
using Mediator;

namespace CleanAgent.Application.Runs;

/// <summary>The call ended normally (caller hung up, agent ended it): <c>running → completed</c>.</summary>
public sealed record CompleteWorkflowRun(Guid RunId, string Reason) : ICommand<Result>;

internal sealed class CompleteWorkflowRunValidator : AbstractValidator<CompleteWorkflowRun>
{
    public CompleteWorkflowRunValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(64);
    }
}

internal sealed class CompleteWorkflowRunHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<CompleteWorkflowRun, Result>
{
    public async ValueTask<Result> Handle(CompleteWorkflowRun command, CancellationToken cancellationToken) =>
        await RunEnding.EndAsync(db, command.RunId, run => run.Complete(command.Reason, clock.GetUtcNow().UtcDateTime), cancellationToken);
}
