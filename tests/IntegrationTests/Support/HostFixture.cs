using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// The one host fixture family: a real host per test class, on one database. By default the host's clock is a
/// <see cref="FakeTimeProvider"/> that starts at the real time, so timeouts and durations are driven by the test
/// instead of by sleeping; a fixture for paced audio runs on real time instead (<see cref="MediaHostFixture"/>).
/// Subclasses add settings, services and the fake provider APIs the host talks to.
/// </summary>
public abstract class HostFixture(TestDatabase database, DateTimeOffset? clockStart = null) : IAsyncLifetime
{
    private CleanAgentHost? _host;

    public TestDatabase Database => database;
    public FakeTimeProvider Clock { get; } = new(clockStart ?? DateTimeOffset.UtcNow);

    /// <summary>The host; skips the calling test (reason printed) where the database cannot run.</summary>
    public CleanAgentHost Host
    {
        get
        {
            database.SkipWhenUnavailable();
            return _host!;
        }
    }

    /// <summary>The clock the host runs on: <see cref="Clock"/>, or null for real time.</summary>
    protected virtual TimeProvider? HostClock => Clock;

    /// <summary>True for the voice-pipeline tests: <c>voice</c> calls get the real voice agent instead of being held in silence.</summary>
    protected virtual bool RealVoiceAgents => false;

    /// <summary>Settings on top of the host's own.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Replaces services after the host's own registrations (e.g. a test agent).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>Starts what the host needs before it starts (fake provider APIs whose addresses go in <see cref="Settings"/>).</summary>
    protected virtual ValueTask StartDependenciesAsync() => ValueTask.CompletedTask;

    protected virtual ValueTask StopDependenciesAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        await StartDependenciesAsync();
        if (database.Unavailable is null) _host = new CleanAgentHost(database, HostClock, Settings, ConfigureServices, RealVoiceAgents);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await StopDependenciesAsync();
        await database.DisposeAsync();
    }
}
