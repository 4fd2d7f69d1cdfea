using CleanAgent.Infrastructure.Voice;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanAgent.IntegrationTests.Voice;

/// <summary>
/// The voice adapters as the server registers them (<see cref="VoiceRegistration.AddVoiceProviders"/>, real named
/// HTTP clients with their resilience pipelines), every log line of every level captured.
/// </summary>
internal sealed class VoiceProviderHost : IAsyncDisposable
{
    private VoiceProviderHost(ServiceProvider services, LogCapture logs)
    {
        Services = services;
        Logs = logs;
    }

    public ServiceProvider Services { get; }

    public LogCapture Logs { get; }

    public static VoiceProviderHost Create(TimeSpan? providerTimeout = null, TimeProvider? time = null)
    {
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?>
        {
            ["Voice:ProviderTimeout"] = (providerTimeout ?? TimeSpan.FromSeconds(5)).ToString("c"),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null) services.AddSingleton(time);
        services.AddVoiceProviders(configuration);
        return new VoiceProviderHost(services.BuildServiceProvider(), logs);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
