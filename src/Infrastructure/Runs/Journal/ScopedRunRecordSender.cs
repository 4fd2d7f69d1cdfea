using CleanAgent.Application.Common;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Infrastructure.Runs.Journal;

/// <summary>Sends each record's use case through the mediator in a DI scope of its own: a call lasts minutes, a DbContext must not.</summary>
internal sealed class ScopedRunRecordSender(IServiceScopeFactory scopes) : IRunRecordSender
{
    public async Task<Result> SendAsync(ICommand<Result> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }
}
