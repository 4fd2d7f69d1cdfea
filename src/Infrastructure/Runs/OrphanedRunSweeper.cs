using CleanAgent.Application.Runs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Runs;

public sealed class RunOwnershipOptions
{
    public const string Section = "Runs";

    /// <summary>How often this process proves it is alive and looks for runs of dead ones.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A process silent for this long is dead; its runs are settled and its call slots freed.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(60);
}

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
