using System.Net;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Infrastructure.Calls;
using CleanAgent.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// The graceful stop, on a real host whose clock the test drives: from the stop's first moment the server is not
/// ready and turns new calls away (1013, no run left behind) while the calls in progress run to their end; at
/// <c>Server:DrainTimeout</c> those still up end <c>failed</c>/<c>server_shutdown</c>, hung up at the provider; the
/// host stops once the last call has ended. <c>/health/live</c> answers throughout.
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private FakeCloudonixApi _cloudonix = null!;
    private CleanAgentHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _cloudonix = await FakeCloudonixApi.StartAsync();
        _host = new CleanAgentHost(_database, _clock, new Dictionary<string, string>
        {
            ["Server:DrainTimeout"] = DrainTimeout.ToString(),
            ["Cloudonix:ApiBaseUrl"] = _cloudonix.BaseAddress.ToString(),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _cloudonix.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Draining_IsUnready_TurnsNewCallsAway1013WithNoRun_AndLetsTheCallInProgressFinish()
    {
        var tenant = await _host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        var drain = _host.Services.GetRequiredService<CallDrain>();
        await using var inProgress = await AgentStreamClient.ConnectAsync(_host.BaseAddress, tenant);
        await inProgress.HandshakeAsync(customParameters: new { topic = "drain" });
        // The stream has started (start's parameters are on the run): the clock can move without a handshake timeout.
        await Eventually.Until(() => Scalar("SELECT COUNT(*) FROM WorkflowRuns WHERE InitialContext LIKE '%drain%';"), n => n is 1L);

        var stopping = _host.DisposeAsync().AsTask();
        await Eventually.Until(() => Task.FromResult(drain.DrainEndsAt), at => at is not null);

        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("draining", await ready.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        await using (var late = await AgentStreamClient.ConnectAsync(_host.BaseAddress, tenant))
            Assert.Equal(1013, (await late.ReceiveCloseAsync()).Code);
        Assert.Equal(1L, await Scalar("SELECT COUNT(*) FROM WorkflowRuns;")); // the turned-away call left no run
        Assert.False(stopping.IsCompleted, "the host stopped with a call in progress");

        await inProgress.SendStopAsync();
        Assert.Equal(1000, (await inProgress.ReceiveCloseAsync()).Code);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("completed/user_hangup", await Scalar("SELECT State || '/' || EndReason FROM WorkflowRuns;"));
        Assert.Empty(_cloudonix.Hangups); // the caller hung up: nothing to hang up at the provider
    }

    [Fact]
    public async Task AtTheDrainTimeout_TheCallsStillUp_EndServerShutdown_HungUpAtTheProvider_ThenTheHostStops()
    {
        var tenant = await _host.CreateTenantAsync(kind: AgentKind.Echo, publish: true);
        var drain = _host.Services.GetRequiredService<CallDrain>();
        await using var inProgress = await AgentStreamClient.ConnectAsync(_host.BaseAddress, tenant);
        await inProgress.HandshakeAsync(customParameters: new { topic = "drain" });
        // The stream has started (start's parameters are on the run): the clock can move without a handshake timeout.
        await Eventually.Until(() => Scalar("SELECT COUNT(*) FROM WorkflowRuns WHERE InitialContext LIKE '%drain%';"), n => n is 1L);

        var stopping = _host.DisposeAsync().AsTask();
        await Eventually.Until(() => Task.FromResult(drain.DrainEndsAt), at => at is not null);

        _clock.Advance(DrainTimeout - TimeSpan.FromSeconds(1));
        Assert.Equal("running", await Scalar("SELECT State FROM WorkflowRuns;"));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, inProgress.State);

        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1001, (await inProgress.ReceiveCloseAsync()).Code);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("failed/server_shutdown", await Scalar("SELECT State || '/' || EndReason FROM WorkflowRuns;"));
        Assert.Single(_cloudonix.Hangups);
        Assert.Equal(0L, await Scalar("SELECT COUNT(*) FROM CapacityReservations;"));
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
