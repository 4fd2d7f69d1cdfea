using CleanAgent.Application.Common;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Runs;

/// <summary>
/// Keeps this process's heartbeat and settles what dead processes left behind: their unfinished runs end
/// <c>failed</c>/<c>server_lost</c> and their call slots are freed. A process is dead when its heartbeat is
/// older than <see cref="StaleAfter"/>; a run whose owner never registered counts as orphaned too.
/// </summary>
public sealed record SettleOrphanedRuns(TimeSpan StaleAfter) : ICommand<Result<int>>;

internal sealed class SettleOrphanedRunsValidator : AbstractValidator<SettleOrphanedRuns>
{
    public SettleOrphanedRunsValidator() => RuleFor(x => x.StaleAfter).GreaterThan(TimeSpan.Zero);
}

internal sealed class SettleOrphanedRunsHandler(IAppDbContext db, IServerInstance self, TimeProvider clock)
    : ICommandHandler<SettleOrphanedRuns, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SettleOrphanedRuns command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var me = await db.ServerInstances.SingleOrDefaultAsync(i => i.Id == self.Id, cancellationToken);
        if (me is null) db.ServerInstances.Add(ServerInstance.Register(self.Id, Environment.MachineName, now));
        else me.Beat(now);
        await db.SaveChangesAsync(cancellationToken);

        var staleBefore = now - command.StaleAfter;
        var alive = await db.ServerInstances.AsNoTracking()
            .Where(i => i.LastSeenAt >= staleBefore)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);

        var orphans = await db.WorkflowRuns
            .Where(r => (r.State == WorkflowRunState.Created || r.State == WorkflowRunState.Running) && !alive.Contains(r.OwnerInstanceId))
            .ToListAsync(cancellationToken);
        foreach (var run in orphans) run.Fail(RunEndReason.ServerLost, now);

        var lostSlots = await db.CapacityReservations.Where(r => !alive.Contains(r.OwnerInstanceId)).ToListAsync(cancellationToken);
        db.CapacityReservations.RemoveRange(lostSlots);

        var dead = await db.ServerInstances.Where(i => i.LastSeenAt < staleBefore).ToListAsync(cancellationToken);
        db.ServerInstances.RemoveRange(dead);

        await db.SaveChangesAsync(cancellationToken);
        return orphans.Count;
    }
}
