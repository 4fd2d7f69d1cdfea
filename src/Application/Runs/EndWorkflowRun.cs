using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// The call is over: the run ends for <see cref="Reason"/>, which says whether it completes or fails, and its call
/// slot is freed in the same transaction, so a slot is never held by an ended run. Ending an already ended run is a
/// conflict the caller may ignore (a socket can end more than one way).
/// </summary>
public sealed record EndWorkflowRun(Guid RunId, RunEndReason Reason) : ICommand<Result>;

internal sealed class EndWorkflowRunValidator : AbstractValidator<EndWorkflowRun>
{
    public EndWorkflowRunValidator()
    {
        RuleFor(x => x.RunId).NotEmpty();
        RuleFor(x => x.Reason).NotNull();
    }
}

internal sealed class EndWorkflowRunHandler(IAppDbContext db, TimeProvider clock) : ICommandHandler<EndWorkflowRun, Result>
{
    public async ValueTask<Result> Handle(EndWorkflowRun command, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.SingleOrDefaultAsync(r => r.Id == command.RunId, cancellationToken);
        if (run is null) return new Error(ErrorKind.NotFound, "Run not found.");
        if (run.IsEnded) return new Error(ErrorKind.Conflict, $"Run {run.Name} has already ended ({run.EndReason}).");

        run.End(command.Reason, clock.GetUtcNow().UtcDateTime);
        if (run.CapacityReservationId is { } reservationId)
        {
            var reservation = await db.CapacityReservations.SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
            if (reservation is not null) db.CapacityReservations.Remove(reservation);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
