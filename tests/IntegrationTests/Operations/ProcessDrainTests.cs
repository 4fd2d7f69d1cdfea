using System.Net;
using CleanAgent.Application.Common;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// The drain as a service manager sees it: the built server in its own process gets SIGTERM with a call up; it goes
/// unready, turns a new call away (1013), keeps the call in progress until the caller hangs up, then exits 0.
/// </summary>
[Collection(WholeMachineCollection.Name)]
public sealed class ProcessDrainTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private FakeCloudonixApi _cloudonix = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _cloudonix = await FakeCloudonixApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _cloudonix.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Sigterm_WithACallUp_DrainsIt_ThenExitsZero()
    {
        var cli = new AdminCliProcess(_database);
        var organization = (await cli.JsonAsync(0, "create-organization", "--name", "Drain")).RootElement.GetProperty("id").GetString()!;
        var key = (await cli.JsonAsync(0, "create-api-key", "--organization", organization, "--name", "k")).RootElement.GetProperty("apiKey").GetString()!;
        var agent = (await cli.JsonAsync(0, "create-agent", "--organization", organization, "--name", "Echo", "--kind", "echo")).RootElement.GetProperty("agentUuid").GetGuid();
        var tenant = new Tenant(Guid.Parse(organization), Guid.Empty, new Secret(key), Guid.Empty, agent, Guid.Empty);
        await using var server = await RunningServer.StartAsync(_database.Folder, new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = _database.ConnectionString,
            ["Cloudonix__ApiBaseUrl"] = _cloudonix.BaseAddress.ToString(),
            ["Server__DrainTimeout"] = "00:02:00",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: …"
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await using var inProgress = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant);
        await inProgress.HandshakeAsync();
        await Eventually.Until(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode, s => s == HttpStatusCode.OK);

        server.Terminate();

        await Eventually.Until(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode, s => s == HttpStatusCode.ServiceUnavailable);
        await using (var late = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant))
            Assert.Equal(1013, (await late.ReceiveCloseAsync()).Code);
        Assert.False(server.HasExited, "the server exited with a call in progress");

        await inProgress.SendStopAsync();
        Assert.Equal(1000, (await inProgress.ReceiveCloseAsync()).Code);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }
}
