using CleanAgent.Application.Runs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Runs;

/// <summary>Beats this process's heartbeat and settles runs that dead processes left <c>running</c>.</summary>
internal sealed class OrphanedRunSweeper(
    IServiceScopeFactory scopes,
    IOptions<RunOwnershipOptions> options,
    TimeProvider clock,
    ILogger<OrphanedRunSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var settled = await scope.ServiceProvider.GetRequiredService<ISender>()
                    .Send(new SettleOrphanedRuns(options.Value.StaleAfter), stoppingToken);
                if (settled.IsSuccess && settled.Value > 0)
                    logger.LogWarning("Settled {Count} run(s) left behind by a server process that stopped", settled.Value);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Heartbeat and orphaned-run sweep failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
