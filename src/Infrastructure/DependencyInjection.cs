using CleanAgent.Application.Common.Ports;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Infrastructure.Runs;
using CleanAgent.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAgent.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, hashing, clocks and process identity: everything the CLI and the server share.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDatabase(DatabaseRegistration.ReadOptions(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IApiKeyHasher, Sha256ApiKeyHasher>();
        services.AddSingleton<IServerInstance, ProcessServerInstance>();
        return services;
    }

    /// <summary>What only a running server needs: the heartbeat and the sweep of runs dead processes left behind.</summary>
    public static IServiceCollection AddServerInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RunOwnershipOptions>(configuration.GetSection(RunOwnershipOptions.Section));
        services.AddHostedService<OrphanedRunSweeper>();
        return services;
    }
}
