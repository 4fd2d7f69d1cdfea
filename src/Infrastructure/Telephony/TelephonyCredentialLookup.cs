using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Infrastructure.Telephony;

/// <summary>
/// Sends <see cref="FindTelephonyCredentials"/> through the mediator in a scope of its own, as every use case of a
/// call is sent: a call lives for minutes, its DbContext must not.
/// </summary>
internal sealed class TelephonyCredentialLookup(IServiceScopeFactory scopes) : ITelephonyCredentialLookup
{
    public async Task<Result<TelephonyCredentials?>> FindAsync(Guid organizationId, CallMode provider, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new FindTelephonyCredentials(organizationId, provider), cancellationToken);
    }
}
