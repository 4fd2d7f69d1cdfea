using CleanAgent.Application.Calls;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Infrastructure.Agents;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Telephony.Cloudonix;
using Microsoft.Extensions.Http.Resilience;
using Polly;
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
        services.Configure<MediaSessionOptions>(configuration.GetSection(MediaSessionOptions.Section));
        services.AddSingleton<ICallAgentFactory, CallAgentFactory>();
        services.AddCloudonix(configuration);
        return services;
    }

    private static void AddCloudonix(this IServiceCollection services, IConfiguration configuration)
    {
        var cloudonix = new CloudonixOptions();
        configuration.GetSection(CloudonixOptions.Section).Bind(cloudonix);
        services.AddSingleton(cloudonix);

        var baseAddress = cloudonix.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? cloudonix.ApiBaseUrl : new Uri(cloudonix.ApiBaseUrl.AbsoluteUri + "/");
        services.AddHttpClient<ICallControl, CloudonixHangupClient>(http => http.BaseAddress = baseAddress)
            .AddResilienceHandler("cloudonix-hangup", pipeline =>
            {
                pipeline.AddTimeout(cloudonix.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = cloudonix.MaxRetries,
                    Delay = cloudonix.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(cloudonix.AttemptTimeout);
            });
    }
}
