using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>A server stopped mid-call closes the call with 1001 and leaves nothing running behind it.</summary>
public sealed class ServerShutdownTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task StoppingTheServer_ClosesLiveCallsWith1001_EndsTheirRuns_AndFreesTheirSlots()
    {
        var host = new CleanAgentHost(_database);
        var tenant = await host.CreateTenantAsync(kind: AgentKind.Echo);
        var call = SimulatedCall.RunAsync(new SimulatedCallOptions
        {
            ServerBaseAddress = host.BaseAddress,
            AgentUuid = tenant.AgentUuid.ToString(),
            ApiKey = tenant.ApiKey.Value,
            OutboundFrames = MuLawFrames.Silence(1500),
        }, TestContext.Current.CancellationToken);
        await Eventually.Until(() => host.Query(db => Task.FromResult(db.WorkflowRuns.Count(r => r.State == WorkflowRunState.Running))), n => n == 1);

        await host.DisposeAsync();
        var result = await call;

        Assert.Equal(1001, result.CloseCode);
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT State || '/' || EndReason FROM WorkflowRuns; ";
        Assert.Equal("failed/server_shutdown", await query.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        query.CommandText = "SELECT COUNT(*) FROM CapacityReservations;";
        Assert.Equal(0L, await query.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }
}
