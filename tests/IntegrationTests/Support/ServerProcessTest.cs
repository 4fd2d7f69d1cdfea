using CleanAgent.CallSimulator;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// For tests that run the built server process: a SQLite file for it, made per test, and a fake Cloudonix API to take
/// its hang-ups.
/// </summary>
public abstract class ServerProcessTest : IAsyncLifetime
{
    protected SqliteTestDatabase Database { get; } = new();

    protected FakeCloudonixApi Cloudonix { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Cloudonix = await FakeCloudonixApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cloudonix.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
