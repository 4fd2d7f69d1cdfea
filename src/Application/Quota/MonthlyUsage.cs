using CleanAgent.Application.Common.Ports;
using CleanAgent.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.Application.Quota;

/// <summary>An organization's call time this month, as admission counts it and as the organization's page shows it.</summary>
internal static class MonthlyUsage
{
    /// <summary>
    /// Seconds of calls started this UTC month: the durations of ended runs plus the time so far of calls still in
    /// progress, so that long calls running side by side cannot overrun the month's minutes unseen.
    /// </summary>
    public static async Task<double> SecondsThisMonthAsync(IAppDbContext db, Guid organizationId, DateTime now, CancellationToken cancellationToken)
    {
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var thisMonth = db.WorkflowRuns.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.StartedAt >= monthStart);
        var ended = await thisMonth.Where(r => r.DurationSeconds != null).SumAsync(r => r.DurationSeconds!.Value, cancellationToken);
        // At most the concurrent-call limit of rows; their elapsed time is summed here, the same on every provider.
        var inProgress = await thisMonth.Where(r => r.State == WorkflowRunState.Running).Select(r => r.StartedAt!.Value).ToListAsync(cancellationToken);
        return ended + inProgress.Sum(started => Math.Max(0, (now - started).TotalSeconds));
    }
}
