using System.Text;
using CleanAgent.CallSimulator;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// The Agent Stream URL carries two secrets: the API key and the provider's bearer token. Neither may reach a
/// log line (at any level, with any exception) or the database file.
/// </summary>
public sealed class SecretsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task ApiKeyAndProviderToken_NeverReachTheLogs_NorTheDatabaseFile()
    {
        var host = fixture.Host;
        var tenant = await host.CreateTenantAsync(concurrentCallLimit: 1);
        var session = "cx-bearer-" + Guid.NewGuid().ToString("N");
        var wrongKey = "dg_wrong" + Guid.NewGuid().ToString("N");

        SimulatedCallOptions Placed() => Caller.Cloudonix.CallTo(host.BaseAddress, tenant) with { Session = session };

        async Task<int> Call(Action<Dictionary<string, string?>> change, Func<AgentStreamClient, Task> play)
        {
            await using var client = await AgentStreamClient.ConnectAsync(EditedUrl.Of(AgentStreamUrl.For(Placed()), change));
            await play(client);
            return (await client.ReceiveCloseAsync()).Code;
        }

        // A full call, and one of each failure, all carrying the same secrets.
        await using (var held = await AgentStreamClient.ConnectAsync(Placed()))
        {
            await held.HandshakeAsync(customParameters: new { topic = "billing" });
            await Eventually.Until(() => host.Query(db => db.WorkflowRuns.CountAsync(r => r.AgentId == tenant.AgentId)), n => n == 1);
            Assert.Equal(1008, await Call(_ => { }, _ => Task.CompletedTask)); // over quota while the first call holds the slot
            await held.SendMediaAsync();
            await held.SendStopAsync();
            Assert.Equal(1000, (await held.ReceiveCloseAsync()).Code);
        }

        Assert.Equal(1008, await Call(q => q["api_key"] = wrongKey, _ => Task.CompletedTask));
        Assert.Equal(1008, await Call(q => q["provider"] = "nonesuch", _ => Task.CompletedTask));
        Assert.Equal(1011, await Call(q => q["provider"] = "plivo", _ => Task.CompletedTask));
        Assert.Equal(4400, await Call(q => q.Remove("CallSid"), _ => Task.CompletedTask));
        Assert.Equal(4400, await Call(_ => { }, c => c.SendTextAsync("{not json")));
        await Eventually.Until(() => host.Query(db => db.WorkflowRuns.CountAsync(r => r.AgentId == tenant.AgentId && r.EndedAt != null)), n => n == 3);

        var logs = host.Logs.Entries.ToList();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("admitted", StringComparison.Ordinal)); // the capture does see our lines
        // A refusal before any run (the wrong key) says so; one after a run's record names it. Never "(run (null))".
        Assert.Contains(logs, l => l.Contains("closed with 1008: Invalid or missing API key. (no run)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("(null)", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(session, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(tenant.ApiKey.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(wrongKey, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(tenant.ApiKey.Value[3..], StringComparison.Ordinal));

        await host.Query(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL);"));
        var database = ((SqliteTestDatabase)fixture.Database).ReadAllFiles();
        Assert.True(database.Length > 0);
        Assert.Equal(-1, IndexOf(database, session));
        Assert.Equal(-1, IndexOf(database, tenant.ApiKey.Value));
        Assert.Equal(-1, IndexOf(database, wrongKey));
        Assert.NotEqual(-1, IndexOf(database, "billing")); // the search itself works: the custom parameter is there
    }

    private static int IndexOf(byte[] haystack, string needle)
    {
        foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
        {
            var index = haystack.AsSpan().IndexOf(encoding.GetBytes(needle));
            if (index >= 0) return index;
        }

        return -1;
    }
}
