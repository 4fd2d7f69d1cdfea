using System.Net.WebSockets;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// Behind a reverse proxy (<c>Server:ForwardedHeaders</c>): with the proxy listed, an Agent Stream connection that
/// came through it is seen — in the call's log line — as https from the address it forwarded; with the setting off, or
/// from a proxy not listed, the same headers are ignored and the connection is what it is (http from loopback).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string ForwardedFor = "203.0.113.7";

    [Fact]
    public async Task Enabled_WithTheProxyListed_TheCallIsSeenAsHttps_FromTheForwardedAddress()
    {
        var lines = await ConnectThroughProxyAsync(new Dictionary<string, string>
        {
            ["Server:ForwardedHeaders:Enabled"] = "true",
            ["Server:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });

        Assert.Contains(lines, l => l.Contains($"Agent Stream connection from {ForwardedFor} over https", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_TheHeadersAreIgnored()
    {
        var lines = await ConnectThroughProxyAsync(new Dictionary<string, string>());

        Assert.Contains(lines, l => l.Contains("Agent Stream connection from 127.0.0.1 over http", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ForwardedFor, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Enabled_FromAProxyNotListed_TheHeadersAreIgnored()
    {
        var lines = await ConnectThroughProxyAsync(new Dictionary<string, string>
        {
            ["Server:ForwardedHeaders:Enabled"] = "true",
            ["Server:ForwardedHeaders:KnownNetworks:0"] = "10.20.0.0/16",
        });

        Assert.Contains(lines, l => l.Contains("Agent Stream connection from 127.0.0.1 over http", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(ForwardedFor, StringComparison.Ordinal));
    }

    /// <summary>
    /// A host with <paramref name="settings"/>; one Agent Stream connection to it from loopback carrying a proxy's
    /// headers (with a key of nobody's: refused 1008, the connection line is written first); the host's log lines.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ConnectThroughProxyAsync(IReadOnlyDictionary<string, string> settings)
    {
        await using var database = new SqliteTestDatabase();
        await database.InitializeAsync();
        await using var host = new CleanAgentHost(database, settings: settings);
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("X-Forwarded-For", ForwardedFor);
        socket.Options.SetRequestHeader("X-Forwarded-Proto", "https");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var url = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = $"/api/v1/agent-stream/{Guid.NewGuid()}", Query = "api_key=dg_nobody&provider=cloudonix" }.Uri;
        await socket.ConnectAsync(url, timeout.Token);
        var received = await socket.ReceiveAsync(new byte[1024], timeout.Token);
        Assert.Equal(1008, (int)received.CloseStatus!.Value);
        return [.. host.Logs.Entries];
    }
}
