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
/// older than <see cref="StaleAfter"/>; a run whose owner never registered counts as orphaned too. A lost run ends
/// at its owner's last heartbeat, not at the sweep (see <see cref="WorkflowRun.EndAsLost"/>).
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
        await BeatAsync(now, cancellationToken);

        var staleBefore = now - command.StaleAfter;
        var alive = await db.ServerInstances.AsNoTracking()
            .Where(i => i.LastSeenAt >= staleBefore)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);

        var orphans = await db.WorkflowRuns
            .Where(r => (r.State == WorkflowRunState.Created || r.State == WorkflowRunState.Running) && !alive.Contains(r.OwnerInstanceId))
            .ToListAsync(cancellationToken);
        if (orphans.Count > 0)
        {
            var owners = orphans.Select(r => r.OwnerInstanceId).Distinct().ToList();
            var lastSeen = await db.ServerInstances.AsNoTracking()
                .Where(i => owners.Contains(i.Id))
                .ToDictionaryAsync(i => i.Id, i => i.LastSeenAt, cancellationToken);
            // An owner with no row never beat (or another sweep just removed it): nothing says the call outlived its start.
            foreach (var run in orphans)
                run.EndAsLost(lastSeen.TryGetValue(run.OwnerInstanceId, out var seen) ? seen : run.StartedAt ?? run.CreatedAt, now);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Set-based: several sweeps (processes sharing the database) may free the same rows at the same moment, and
        // deleting what another sweep already deleted is no error.
        await db.CapacityReservations.Where(r => !alive.Contains(r.OwnerInstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.ServerInstances.Where(i => i.LastSeenAt < staleBefore).ExecuteDeleteAsync(cancellationToken);
        return orphans.Count;
    }

    /// <summary>This process's heartbeat; its first beat registers it (once, also when two sweeps start together).</summary>
    private async Task BeatAsync(DateTime now, CancellationToken cancellationToken)
    {
        var beaten = await db.ServerInstances.Where(i => i.Id == self.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LastSeenAt, now), cancellationToken);
        if (beaten > 0) return;

        var registration = ServerInstance.Register(self.Id, Environment.MachineName, now);
        db.ServerInstances.Add(registration);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (db.IsUniqueViolation(ex))
        {
            db.Detach(registration); // a concurrent sweep of this process registered it a moment ago
        }
    }
}
