using CleanAgent.Application.Runs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAgent.Infrastructure.Runs;

/// <summary>Applies <c>Retention:*</c> every <see cref="RetentionOptions.Interval"/>, from the first minute of the process on.</summary>
internal sealed partial class RetentionSweeper(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsOn) return;

        using var timer = new PeriodicTimer(settings.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await using var scope = scopes.CreateAsyncScope();
                var applied = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ApplyRetention(
                    now - settings.Runs, now - settings.Transcripts, now - settings.Recordings, settings.BatchSize), stoppingToken);
                if (applied.IsSuccess && applied.Value is { } done && done.Runs + done.TranscriptTurns + done.Recordings > 0)
                    LogApplied(logger, done.Runs, done.TranscriptTurns, done.Recordings, done.MoreToDo);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Runs} run(s), {Turns} transcript turn(s), {Recordings} recording(s){More}")]
    private static partial void LogAppliedCore(ILogger logger, int runs, int turns, int recordings, string more);

    private static void LogApplied(ILogger logger, int runs, int turns, int recordings, bool more) =>
        LogAppliedCore(logger, runs, turns, recordings, more ? "; more is due, at the next interval" : string.Empty);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention sweep failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
