using CleanAgent.Application.Common.Ports;
using CleanAgent.Application.Runs;
using CleanAgent.Domain.Quota;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Runs;

/// <summary>
/// Nothing is left <c>running</c> after its server process is gone: a process whose heartbeat went stale has
/// its runs settled <c>failed</c>/<c>server_lost</c> and its call slots freed by a surviving (or restarted) one.
/// </summary>
public abstract class OrphanedRunTests(HostFixture fixture)
{
    private CleanAgentHost Host => fixture.Host;

    [Fact]
    public async Task RunsOfADeadProcess_AreSettled_AndItsSlotsFreed_WhileLiveRunsAreUntouched()
    {
        var tenant = await Host.CreateTenantAsync();
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var self = Host.Services.GetRequiredService<IServerInstance>().Id;
        var deadInstance = Guid.NewGuid();

        var (orphan, live) = await Host.Query(async db =>
        {
            db.ServerInstances.Add(ServerInstance.Register(deadInstance, "crashed-box", now.AddMinutes(-10)));
            var slot = CapacityReservation.Create(tenant.OrganizationId, 0, deadInstance, now.AddMinutes(-10));
            db.CapacityReservations.Add(slot);
            var orphanRun = NewRun(tenant, "WR-AGS-90000001", slot.Id, deadInstance, now.AddMinutes(-10));
            var liveRun = NewRun(tenant, "WR-AGS-90000002", null, self, now);
            db.WorkflowRuns.AddRange(orphanRun, liveRun);
            await db.SaveChangesAsync();
            return (orphanRun.Id, liveRun.Id);
        });

        var settled = await Host.Send(new SettleOrphanedRuns(TimeSpan.FromSeconds(60)));

        Assert.True(settled.IsSuccess);
        Assert.True(settled.Value >= 1);
        var runs = await Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.Id == orphan || r.Id == live).ToDictionaryAsync(r => r.Id));
        Assert.Equal(WorkflowRunState.Failed, runs[orphan].State);
        Assert.Equal(RunEndReason.ServerLost, runs[orphan].EndReason);
        Assert.Equal(WorkflowRunState.Running, runs[live].State);
        Assert.Equal(0, await Host.Query(db => db.CapacityReservations.CountAsync(r => r.OwnerInstanceId == deadInstance)));
        Assert.False(await Host.Query(db => db.ServerInstances.AnyAsync(i => i.Id == deadInstance)));
        Assert.True(await Host.Query(db => db.ServerInstances.AnyAsync(i => i.Id == self)));
    }

    [Fact]
    public async Task LostRuns_EndAtTheDeadProcesssLastHeartbeat_SoTheDetectionDelayIsNotBilled()
    {
        // Calls that lived 7 s before their process was killed; the loss is noticed a minute later.
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 5);
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var started = now.AddSeconds(-61);
        var lastBeat = started.AddSeconds(7);
        var deadInstance = Guid.NewGuid();
        var lost = await Host.Query(async db =>
        {
            var instance = ServerInstance.Register(deadInstance, "killed-box", started.AddMinutes(-1));
            db.ServerInstances.Add(instance);
            var runs = Enumerable.Range(0, 3).Select(i => NewRun(tenant, $"WR-AGS-9200{i:0000}", null, deadInstance, started)).ToList();
            db.WorkflowRuns.AddRange(runs);
            await db.SaveChangesAsync();
            await db.ServerInstances.Where(i => i.Id == deadInstance).ExecuteUpdateAsync(u => u.SetProperty(i => i.LastSeenAt, lastBeat));
            return runs.Select(r => r.Id).ToList();
        });

        Assert.True((await Host.Send(new SettleOrphanedRuns(TimeSpan.FromSeconds(30)))).IsSuccess);

        var settled = await Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => lost.Contains(r.Id)).ToListAsync());
        Assert.Equal(3, settled.Count);
        Assert.All(settled, run =>
        {
            Assert.Equal((WorkflowRunState.Failed, RunEndReason.ServerLost), (run.State, run.EndReason));
            Assert.Equal(lastBeat, run.EndedAt!.Value, TimeSpan.FromMilliseconds(1));
            Assert.Equal(7, run.DurationSeconds!.Value, 0.01);
        });
    }

    [Fact]
    public async Task SweepsRunningAtOnce_AllSucceed_AndSettleEveryLeftover()
    {
        // Several processes (or this one's sweeper and an operator) may sweep the same leftovers at the same moment.
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 20);
        var now = fixture.Clock.GetUtcNow().UtcDateTime;
        var deadInstance = Guid.NewGuid();
        var orphans = await Host.Query(async db =>
        {
            db.ServerInstances.Add(ServerInstance.Register(deadInstance, "crashed-box", now.AddMinutes(-10)));
            var runs = Enumerable.Range(0, 10).Select(i =>
            {
                var slot = CapacityReservation.Create(tenant.OrganizationId, i, deadInstance, now.AddMinutes(-10));
                db.CapacityReservations.Add(slot);
                return NewRun(tenant, $"WR-AGS-9100{i:0000}", slot.Id, deadInstance, now.AddMinutes(-10));
            }).ToList();
            db.WorkflowRuns.AddRange(runs);
            await db.SaveChangesAsync();
            return runs.Select(r => r.Id).ToList();
        });

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Host.Send(new SettleOrphanedRuns(TimeSpan.FromSeconds(60))))));

        Assert.All(sweeps, sweep => Assert.True(sweep.IsSuccess, sweep.Error?.Message));
        var settled = await Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => orphans.Contains(r.Id)).ToListAsync());
        Assert.All(settled, run => Assert.Equal((WorkflowRunState.Failed, RunEndReason.ServerLost), (run.State, run.EndReason)));
        Assert.Equal(0, await Host.Query(db => db.CapacityReservations.CountAsync(r => r.OwnerInstanceId == deadInstance)));
        Assert.False(await Host.Query(db => db.ServerInstances.AnyAsync(i => i.Id == deadInstance)));
    }

    private static WorkflowRun NewRun(Tenant tenant, string name, Guid? slot, Guid owner, DateTime at)
    {
        var spec = new RunSpec(new PinnedVersion(tenant.OrganizationId, tenant.AgentId, tenant.AgentVersionId), CallType.Inbound,
            CallMode.Of("cloudonix"), new Dictionary<string, string>());
        var run = WorkflowRun.Create(name, spec, slot, owner, at);
        run.Start(at);
        return run;
    }
}

public sealed class SqliteOrphanedRunTests(SqliteHostFixture fixture) : OrphanedRunTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class SqlServerOrphanedRunTests(SqlServerHostFixture fixture) : OrphanedRunTests(fixture), IClassFixture<SqlServerHostFixture>;
