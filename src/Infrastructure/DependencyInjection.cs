using CleanAgent.Application.Calls;
using CleanAgent.Application.Common.Ports;
using CleanAgent.Application.Runs.Journal;
using CleanAgent.Application.Telephony;
using CleanAgent.Infrastructure.Agents;
using CleanAgent.Infrastructure.Agents.Voice;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.Infrastructure.Configuration;
using CleanAgent.Infrastructure.Identity;
using CleanAgent.Infrastructure.Persistence;
using CleanAgent.Infrastructure.Runs;
using CleanAgent.Infrastructure.Runs.Journal;
using CleanAgent.Infrastructure.Security;
using CleanAgent.Infrastructure.Telephony;
using CleanAgent.Infrastructure.Telephony.Cloudonix;
using CleanAgent.Infrastructure.Telephony.Twilio;
using CleanAgent.Infrastructure.Voice;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CleanAgent.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Persistence, hashing, secret protection, clocks and process identity: everything the CLI and the server share.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDatabase(DatabaseRegistration.ReadOptions(configuration));
        services.AddSingleton(_ => new DatabaseThreads(DatabaseThreads.DefaultCount));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IApiKeyHasher, Sha256ApiKeyHasher>();
        services.AddSingleton<IServerInstance, ProcessServerInstance>();
        services.AddSingleton<IRecordingFiles, RecordingFiles>();
        services.AddSecretProtection();
        services.AddDashboardUsers();
        services.AddVoiceSettings(configuration); // admission's provider check is a use case
        return services;
    }

    /// <summary>What only a running server needs: the heartbeat and the sweep of runs dead processes left behind.</summary>
    public static IServiceCollection AddServerInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RunOwnershipOptions, RunOwnershipOptionsValidator>(configuration, RunOwnershipOptions.Section);
        services.AddHostedService<OrphanedRunSweeper>();
        services.AddValidatedOptions<RetentionOptions, RetentionOptionsValidator>(configuration, RetentionOptions.Section);
        services.AddHostedService<RetentionSweeper>();
        services.AddValidatedOptions<MediaSessionOptions, MediaSessionOptionsValidator>(configuration, MediaSessionOptions.Section);
        services.AddVoiceProviders(configuration);
        services.AddSingleton<VoiceAgentServices>();
        services.AddSingleton<ICallAgentFactory, CallAgentFactory>();
        services.AddSingleton(sp => new MediaClock(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<MediaSessionOptions>>().Value.ClockNice,
            sp.GetRequiredService<ILogger<MediaClock>>()));
        services.AddSingleton<IMediaStreams, MediaStreams>();
        services.AddSingleton<IRunJournalFactory, RunJournalFactory>();
        services.AddCallDrain(configuration);
        services.AddCloudonix(configuration);
        services.AddTwilio(configuration);
        return services;
    }

    /// <summary>
    /// The graceful stop: one drain for every call, a lifecycle service so it runs before the web server stops, and a
    /// host shutdown timeout long enough for it (the host's default, 30 s, would cut every drain short).
    /// </summary>
    private static void AddCallDrain(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DrainOptions, DrainOptionsValidator>(configuration, DrainOptions.Section);
        services.AddSingleton<CallDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<CallDrain>());
        services.AddOptions<Microsoft.Extensions.Hosting.HostOptions>().Configure<IOptions<DrainOptions>>((host, drain) =>
            host.ShutdownTimeout = drain.Value.DrainTimeout + DrainOptions.HangupAllowance + TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Data Protection with its key ring in the application's database, under one fixed application name: every server
    /// process of a cluster and the admin CLI then protect and read secrets with the same keys.
    /// </summary>
    private static void AddSecretProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(DataProtectionSecretProtector.ApplicationName)
            .PersistKeysToDbContext<CleanAgentDbContext>();
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
    }

    /// <summary>
    /// Cloudonix, registered under its name. Transient, like the typed HTTP client it holds: the factory rotates
    /// that client's handlers, which a long-lived provider would pin.
    /// </summary>
    private static void AddCloudonix(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<CloudonixOptions, CloudonixOptionsValidator>(configuration, CloudonixOptions.Section);
        services.AddKeyedTransient<ITelephonyProvider, CloudonixProvider>(CloudonixProvider.Name);
        services.AddHttpClient<CloudonixHangupClient>((provider, http) =>
            {
                var apiBaseUrl = provider.GetRequiredService<IOptions<CloudonixOptions>>().Value.ApiBaseUrl;
                http.BaseAddress = apiBaseUrl.AbsoluteUri.EndsWith('/') ? apiBaseUrl : new Uri(apiBaseUrl.AbsoluteUri + "/");
            })
            .AddResilienceHandler("cloudonix-hangup", (pipeline, context) =>
            {
                var cloudonix = context.ServiceProvider.GetRequiredService<IOptions<CloudonixOptions>>().Value;
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

    /// <summary>
    /// Twilio, registered under its name, the same way as Cloudonix: transient with its typed HTTP client, and a
    /// bounded resilience pipeline (retries on timeouts and 5xx) around the REST hang-up.
    /// </summary>
    private static void AddTwilio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TwilioOptions, TwilioOptionsValidator>(configuration, TwilioOptions.Section);
        services.TryAddSingleton<ITelephonyCredentialLookup, TelephonyCredentialLookup>();
        services.AddKeyedTransient<ITelephonyProvider, TwilioProvider>(TwilioProvider.Name);
        services.AddHttpClient<TwilioHangupClient>((provider, http) =>
            {
                var apiBaseUrl = provider.GetRequiredService<IOptions<TwilioOptions>>().Value.ApiBaseUrl;
                http.BaseAddress = apiBaseUrl.AbsoluteUri.EndsWith('/') ? apiBaseUrl : new Uri(apiBaseUrl.AbsoluteUri + "/");
            })
            .AddResilienceHandler("twilio-hangup", (pipeline, context) =>
            {
                var twilio = context.ServiceProvider.GetRequiredService<IOptions<TwilioOptions>>().Value;
                pipeline.AddTimeout(twilio.TotalTimeout);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = twilio.MaxRetries,
                    Delay = twilio.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(twilio.AttemptTimeout);
            });
    }
}
