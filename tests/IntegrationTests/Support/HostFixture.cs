using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// One real host per test class, on one database. The host's clock is a <see cref="FakeTimeProvider"/> that
/// starts at the real time, so timeouts and durations are driven by the test instead of by sleeping.
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

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        if (database.Unavailable is null) _host = new CleanAgentHost(database, Clock);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class SqliteHostFixture() : HostFixture(new SqliteTestDatabase());

public sealed class SqlServerHostFixture() : HostFixture(new SqlServerTestDatabase());
