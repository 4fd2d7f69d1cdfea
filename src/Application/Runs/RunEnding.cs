using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Ends a run and frees its call slot in one transaction, so a slot is never held by an ended run.
/// Ending an already ended run is a conflict the caller may ignore (a socket can end more than one way).
/// </summary>
internal static class RunEnding
{
    public static async Task<Result> EndAsync(IAppDbContext db, Guid runId, Action<WorkflowRun> end, CancellationToken cancellationToken)
    {
        var run = await db.WorkflowRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return new Error(ErrorKind.NotFound, "Run not found.");
        if (run.IsEnded) return new Error(ErrorKind.Conflict, $"Run {run.Name} has already ended ({run.EndReason}).");

        end(run);
        if (run.CapacityReservationId is { } reservationId)
        {
            var reservation = await db.CapacityReservations.SingleOrDefaultAsync(r => r.Id == reservationId, cancellationToken);
            if (reservation is not null) db.CapacityReservations.Remove(reservation);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
