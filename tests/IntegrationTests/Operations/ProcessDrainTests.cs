using System.Net;
using CleanAgent.Application.Common;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// The drain as a service manager sees it: the built server in its own process gets SIGTERM with a call up; it goes
/// unready, turns a new call away (1013), keeps the calls in progress until their callers hang up, then exits 0; with a
/// drain shorter than the calls, it ends them <c>server_shutdown</c>, hung up at the provider, and exits 0.
/// </summary>
[Collection(WholeMachineCollection.Name)]
public sealed class ProcessDrainTests : ServerProcessTest
{
    [Fact]
    public async Task Sigterm_WithThreeCallsUp_TurnsNewOnesAway_LetsThemEndNormally_ThenExitsZero()
    {
        var tenant = await new AdminCliProcess(Database).EchoTenantAsync("Drain");
        await using var server = await StartAsync(drainTimeout: "00:02:00");
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var calls = new List<AgentStreamClient>();
        for (var i = 0; i < 3; i++)
        {
            var call = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant);
            await call.HandshakeAsync();
            calls.Add(call);
        }

        await Eventually.Until(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode, s => s == HttpStatusCode.OK);
        server.Terminate();

        await Eventually.Until(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode, s => s == HttpStatusCode.ServiceUnavailable);
        await using (var late = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant))
            Assert.Equal(1013, (await late.ReceiveCloseAsync()).Code);
        foreach (var call in calls)
        {
            Assert.False(server.HasExited, "the server exited with a call in progress");
            await call.SendStopAsync();
            Assert.Equal(1000, (await call.ReceiveCloseAsync()).Code);
            await call.DisposeAsync();
        }

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(Cloudonix.Hangups); // the callers hung up
    }

    [Fact]
    public async Task Sigterm_WithADrainShorterThanTheCalls_EndsThemServerShutdown_HungUpAtTheProvider_ThenExitsZero()
    {
        var tenant = await new AdminCliProcess(Database).EchoTenantAsync("Drain");
        await using var server = await StartAsync(drainTimeout: "00:00:02");
        var calls = new List<AgentStreamClient>();
        for (var i = 0; i < 3; i++)
        {
            var call = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant);
            await call.HandshakeAsync();
            calls.Add(call);
        }

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        await Eventually.Until(async () => (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode, s => s == HttpStatusCode.OK);
        server.Terminate();

        foreach (var call in calls)
        {
            Assert.Equal(1001, (await call.ReceiveCloseAsync(seconds: 30)).Code);
            await call.DisposeAsync();
        }

        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(3, Cloudonix.Hangups.Count);
        var (_, stdout, _) = await new AdminCliProcess(Database).RunAsync("list-runs", "--agent", tenant.AgentUuid.ToString(), "--field", "endReason");
        Assert.Equal(["server_shutdown", "server_shutdown", "server_shutdown"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private Task<RunningServer> StartAsync(string drainTimeout) => RunningServer.StartAsync(Database.Folder, new Dictionary<string, string>
    {
        ["ConnectionStrings__Default"] = Database.ConnectionString,
        ["Cloudonix__ApiBaseUrl"] = Cloudonix.BaseAddress.ToString(),
        ["Server__DrainTimeout"] = drainTimeout,
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: …"
    });
}
