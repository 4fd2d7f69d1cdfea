using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the validators of this layer. The mediator itself (its handlers and the validation
    /// behaviour) is registered by the source generator in the host, which lists the behaviours in order.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        return services;
    }
}
