using System.Diagnostics;
using CleanAgent.Infrastructure.Observability;
using CleanAgent.Infrastructure.Persistence;
using Mediator;

namespace CleanAgent.Web.Common;

/// <summary>
/// Sends one use case through the mediator in its own DI scope, on the database's own threads
/// (<see cref="DatabaseThreads"/>). A call lives for minutes; a DbContext must not, so the socket handler never holds
/// a scope between use cases — and its database work never holds a thread the calls' audio needs.
/// </summary>
public sealed class UseCases(IServiceScopeFactory scopes, DatabaseThreads threads)
{
    public Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken) =>
        threads.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
            CallMetrics.UseCaseTook(command.GetType().Name, Stopwatch.GetElapsedTime(started));
            return response;
        }, cancellationToken);

    public Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken) =>
        threads.Run(async () =>
        {
            var started = Stopwatch.GetTimestamp();
            await using var scope = scopes.CreateAsyncScope();
            var response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
            CallMetrics.UseCaseTook(query.GetType().Name, Stopwatch.GetElapsedTime(started));
            return response;
        }, cancellationToken);
}
