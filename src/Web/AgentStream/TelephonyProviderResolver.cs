using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;

namespace CleanAgent.Web.AgentStream;

/// <summary>Finds a provider's adapter by its registered name (keyed services); the contract's errors for any other name.</summary>
internal sealed class TelephonyProviderResolver(IServiceProvider services)
{
    public Result<ITelephonyProvider> Resolve(string? name)
    {
        var normalized = TelephonyProviders.Normalize(name);
        return normalized is not null && services.GetKeyedService<ITelephonyProvider>(normalized) is { } provider
            ? Result<ITelephonyProvider>.Success(provider)
            : TelephonyProviders.NotAvailable(normalized);
    }
}
