using System.Text.Json;
using CleanAgent.Application.Common;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;

namespace CleanAgent.IntegrationTests.Operations;

/// <summary>
/// The built server in its own process with <c>Logging:Console:FormatterName=json</c>, as a log shipper reads it: after
/// a call (ended at its maximum duration, so hung up at the fake Cloudonix) and a refused one, every line it wrote is
/// one JSON object, the call's lines carry its run name in their scope (<c>RunName</c>) whatever component wrote them
/// and whatever their message says, and no line holds the API key or the provider token.
/// </summary>
public sealed class JsonLogsTests : ServerProcessTest
{
    [Fact]
    public async Task JsonLogs_AreOneObjectALine_WithTheRunNameInTheCallsScope_AndNoSecret()
    {
        var tenant = await new AdminCliProcess(Database).EchoTenantAsync("Logs");
        var badKey = "dg_not-a-key-" + Guid.NewGuid().ToString("N");
        var call = Caller.Cloudonix.CallTo(new Uri("http://127.0.0.1"), tenant) with { Session = "cx-log-token-" + Guid.NewGuid().ToString("N") };
        await using var server = await RunningServer.StartAsync(Database.Folder, new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = Database.ConnectionString,
            ["Logging__Console__FormatterName"] = "json",
            ["Cloudonix__ApiBaseUrl"] = Cloudonix.BaseAddress.ToString(),
            ["Media__MaxCallDuration"] = "00:00:02",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information", // "Now listening on: …"
        });
        await using (var client = await AgentStreamClient.ConnectAsync(call with { ServerBaseAddress = server.BaseAddress }))
        {
            await client.HandshakeAsync();
            await client.SendMediaAsync();
            Assert.Equal((1000, "Maximum call duration reached."), await client.ReceiveCloseAsync());
        }

        await using (var refused = await AgentStreamClient.ConnectAsync(server.BaseAddress, tenant with { ApiKey = new Secret(badKey) }))
            Assert.Equal(1008, (await refused.ReceiveCloseAsync()).Code);
        var runName = await Eventually.Until(async () =>
        {
            var (_, stdout, _) = await new AdminCliProcess(Database).RunAsync("list-runs", "--agent", tenant.AgentUuid.ToString(), "--field", "name");
            return stdout.Trim();
        }, name => name.StartsWith("WR-AGS-", StringComparison.Ordinal));
        server.Terminate(); // every line written and flushed before the output is read
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        var lines = server.Output;
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList(); // throws on a line that is not JSON
        var ofTheRun = entries.Where(e => e.GetProperty("Message").GetString()!.Contains(runName, StringComparison.Ordinal)).ToList();
        Assert.True(ofTheRun.Count >= 3, $"expected the admission, stream start and end of {runName}: {string.Join('\n', lines)}");
        Assert.All(ofTheRun, e => Assert.Equal(runName, RunNameInScope(e)));
        // A line of another component, whose message does not name the run, carries it all the same: the hang-up's.
        var hangup = Assert.Single(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Cloudonix hung up call", StringComparison.Ordinal));
        Assert.Equal(runName, RunNameInScope(hangup));
        Assert.Contains(entries, e => e.GetProperty("Message").GetString()!.StartsWith("Agent Stream closed with 1008", StringComparison.Ordinal) && RunNameInScope(e) is null);
        foreach (var secret in new[] { tenant.ApiKey.Value, badKey, call.Session })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>The <c>RunName</c> of the line's scopes, or null.</summary>
    private static string? RunNameInScope(JsonElement entry) =>
        entry.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RunName", out _))
                .Select(s => s.GetProperty("RunName").GetString()).FirstOrDefault()
            : null;
}
