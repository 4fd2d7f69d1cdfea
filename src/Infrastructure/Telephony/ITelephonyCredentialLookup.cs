using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.Domain.Runs;

namespace CleanAgent.Infrastructure.Telephony;

/// <summary>An organization's stored credentials at a provider, as a provider adapter asks for them at admission.</summary>
internal interface ITelephonyCredentialLookup
{
    Task<Result<TelephonyCredentials?>> FindAsync(Guid organizationId, CallMode provider, CancellationToken cancellationToken);
}
