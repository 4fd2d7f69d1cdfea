using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>
/// A real-time host (audio is paced by the real clock) on a SQLite file, with the call simulator's fake
/// Cloudonix REST API standing in for Cloudonix.
/// </summary>
public class MediaHostFixture : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private CleanAgentHost? _host;
    private FakeCloudonixApi? _cloudonix;

    public CleanAgentHost Host => _host!;
    public FakeCloudonixApi Cloudonix => _cloudonix!;

    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>The host's clock; null (the default) for real time, which paced audio needs.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>Settings on top of the fixture's own (the fake Cloudonix API).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _cloudonix = await FakeCloudonixApi.StartAsync();
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Cloudonix:ApiBaseUrl"] = _cloudonix.BaseAddress.ToString(),
            ["Cloudonix:RetryDelay"] = "00:00:00.050",
        };
        _host = new CleanAgentHost(_database, Clock, settings, ConfigureServices);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_cloudonix is not null) await _cloudonix.DisposeAsync();
        await _database.DisposeAsync();
    }

    public SimulatedCallOptions CallTo(Tenant tenant) => new()
    {
        ServerBaseAddress = Host.BaseAddress,
        AgentUuid = tenant.AgentUuid.ToString(),
        ApiKey = tenant.ApiKey.Value,
        AccountSid = "acme",
        From = "+15550001111",
        To = "+15550002222",
    };

    public Task<WorkflowRun> EndedRunAsync(Tenant tenant) =>
        Eventually.Until(
            () => Host.Query(db => db.WorkflowRuns.AsNoTracking().SingleAsync(r => r.AgentId == tenant.AgentId)),
            run => run.IsEnded);

    public Task<int> ReservationsAsync(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));
}
