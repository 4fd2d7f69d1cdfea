using CleanAgent.Application.Common;
using CleanAgent.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Infrastructure.Runs.Journal;

/// <summary>
/// Sends each record's use case through the mediator in a DI scope of its own (a call lasts minutes, a DbContext must
/// not), on the database's own threads (the journal writes while the call's audio flows).
/// </summary>
internal sealed class ScopedRunRecordSender(IServiceScopeFactory scopes, DatabaseThreads threads) : IRunRecordSender
{
    public Task<Result> SendAsync(ICommand<Result> command, CancellationToken cancellationToken) =>
        threads.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
        }, cancellationToken);
}
