using Mediator;

namespace CleanAgent.Web.Common;

/// <summary>
/// Sends one use case through the mediator in its own DI scope. A call lives for minutes; a DbContext must
/// not, so the socket handler never holds a scope between use cases.
/// </summary>
public sealed class UseCases(IServiceScopeFactory scopes)
{
    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}
