using CleanAgent.Application.ApiKeys;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// The admission contract of agent-stream.md that holds for every provider, with a real WebSocket client against the
/// real host: once as Cloudonix places calls (credentials in the URL, admitted at the upgrade) and once as Twilio does
/// (credentials in <c>start</c>, admitted after the handshake), on SQLite always and on SQL Server where Docker is.
/// What only the Cloudonix URL can carry is in <see cref="AgentStreamAdmissionTests"/>.
/// </summary>
public abstract class ProviderAdmissionTests(HostFixture fixture, Caller caller)
{
    private CleanAgentHost Host => fixture.Host;

    private Task<AgentStreamClient> Connect(Tenant tenant, Func<SimulatedCallOptions, SimulatedCallOptions>? change = null) =>
        AgentStreamClient.ConnectAsync((change ?? (o => o))(caller.CallTo(Host.BaseAddress, tenant)));

    private Task<List<WorkflowRun>> RunsOf(Tenant tenant) =>
        Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());

    private Task<List<WorkflowRun>> RunsWhen(Tenant tenant, Func<List<WorkflowRun>, bool> done, int seconds = 15) =>
        Eventually.Until(() => RunsOf(tenant), done, seconds);

    /// <summary>The server has taken <c>start</c> (its custom parameters are on the run): the call is up, not in its handshake.</summary>
    private static bool HandshakeRecorded(List<WorkflowRun> runs) => runs.Count == 1 && runs[0].InitialContext.ContainsKey("marker");

    private Task<int> ReservationsOf(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));

    /// <summary>
    /// A handshake that failed leaves what the provider's admission point says: a run failed with <paramref name="reason"/>
    /// for a call admitted at the upgrade, nothing at all for one that was to be admitted after <c>start</c>.
    /// </summary>
    private async Task AssertHandshakeFailureLeft(Tenant tenant, RunEndReason reason)
    {
        if (caller.AdmitsAtUpgrade)
        {
            var run = Assert.Single(await RunsWhen(tenant, runs => runs.Count == 1 && runs.All(r => r.IsEnded)));
            Assert.Equal((WorkflowRunState.Failed, reason), (run.State, run.EndReason));
        }
        else
        {
            Assert.Empty(await RunsOf(tenant));
        }

        Assert.Equal(0, await Eventually.Until(() => ReservationsOf(tenant), n => n == 0));
    }

    /// <summary>Waits until the server holds the call: admitted (its run exists) for a provider admitted at the upgrade.</summary>
    private async Task WaitUntilAcceptedAsync(Tenant tenant)
    {
        if (caller.AdmitsAtUpgrade) await RunsWhen(tenant, runs => runs.Count == 1);
    }

    [Fact]
    public async Task UnknownApiKey_IsRefusedWith1008_AndLeavesNoRun()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, o => o with { ApiKey = "dg_" + new string('x', 43) });

        var (code, reason) = await client.ReceiveAdmissionCloseAsync();

        Assert.Equal(1008, code);
        Assert.Contains("API key", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task MissingApiKey_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, o => o with { ApiKey = string.Empty });

        Assert.Equal(1008, (await client.ReceiveAdmissionCloseAsync()).Code);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task ArchivedApiKey_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        Assert.True((await Host.Send(new ArchiveApiKey(tenant.ApiKeyId))).IsSuccess);
        await using var client = await Connect(tenant);

        var (code, _) = await client.ReceiveAdmissionCloseAsync();

        Assert.Equal(1008, code);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task AdmittedCall_RecordsTheKeysLastUse()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.HandshakeAsync();
        await client.SendStopAsync();
        await client.ReceiveCloseAsync();

        var lastUsed = await Host.Query(db => db.ApiKeys.Where(k => k.Id == tenant.ApiKeyId).Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
    }

    [Fact]
    public async Task AgentOfAnotherOrganization_LooksExactlyLikeAMissingAgent()
    {
        var mine = await Host.CreateTenantAsync();
        var theirs = await Host.CreateTenantAsync();

        await using var foreign = await Connect(mine, o => o with { AgentUuid = theirs.AgentUuid.ToString() });
        var foreignClose = await foreign.ReceiveAdmissionCloseAsync();
        await using var missing = await Connect(mine, o => o with { AgentUuid = Guid.NewGuid().ToString() });
        var missingClose = await missing.ReceiveAdmissionCloseAsync();

        Assert.Equal(1008, foreignClose.Code);
        Assert.Equal(missingClose, foreignClose);
        Assert.Empty(await RunsOf(theirs));
    }

    [Fact]
    public async Task MalformedAgentUuid_IsRefusedLikeAMissingAgent()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var malformed = await Connect(tenant, o => o with { AgentUuid = "not-a-uuid" });
        await using var missing = await Connect(tenant, o => o with { AgentUuid = Guid.NewGuid().ToString() });

        Assert.Equal(await missing.ReceiveAdmissionCloseAsync(), await malformed.ReceiveAdmissionCloseAsync());
    }

    [Fact]
    public async Task ArchivedAgent_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        Assert.True((await Host.Send(new Application.Agents.ArchiveAgent(tenant.AgentUuid))).IsSuccess);
        await using var client = await Connect(tenant);

        Assert.Equal(1008, (await client.ReceiveAdmissionCloseAsync()).Code);
    }

    [Fact]
    public async Task MediaBeforeStart_Is4400_AndTheHandshakeFails()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendMediaAsync();

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains("start", reason, StringComparison.Ordinal);
        await AssertHandshakeFailureLeft(tenant, RunEndReason.HandshakeFailed);
    }

    [Fact]
    public async Task StartBeforeConnected_Is4400()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendStartAsync();

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task MalformedJsonInTheHandshake_Is4400()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendTextAsync("{\"event\":\"connected\"");

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
        await AssertHandshakeFailureLeft(tenant, RunEndReason.HandshakeFailed);
    }

    [Fact]
    public async Task StartWithoutCallSid_Is4400()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendJsonAsync(new { @event = "start", start = new { streamSid = "MZ1", customParameters = client.CustomParameters() } });

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    /// <summary>A JSON <c>\ud800</c> escape: valid JSON text, but no .NET string can hold it.</summary>
    [Theory]
    [InlineData("""{"event":"conn\ud800ected"}""", null)]
    [InlineData(null, """{"event":"st\ud800art","start":{"streamSid":"MZ1","callSid":"CA1"}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ\ud800","callSid":"CA1"}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k\ud800":"v"}}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k":"v\udc00"}}}""")]
    public async Task LoneSurrogateInTheHandshake_Is4400_WithoutAServerFault(string? connected, string? start)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        if (connected is not null) await client.SendTextAsync(connected);
        else
        {
            await client.SendConnectedAsync();
            await client.SendTextAsync(start!);
        }

        var (code, _) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        await AssertHandshakeFailureLeft(tenant, RunEndReason.HandshakeFailed);
        Assert.DoesNotContain(Host.Logs.Entries, e => e.StartsWith("[Error]", StringComparison.Ordinal) && e.Contains(tenant.AgentUuid.ToString(), StringComparison.Ordinal));
        foreach (var run in await RunsOf(tenant))
            Assert.DoesNotContain(Host.Logs.Entries, e => e.StartsWith("[Error]", StringComparison.Ordinal) && e.Contains(run.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartWithItsStreamSidOnlyAtTheTopLevel_IsAdmitted()
    {
        // pipecat's Cloudonix fixture shape.
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendJsonAsync(new
        {
            @event = "start",
            streamSid = "MZ-top",
            start = new { session = "s", accountSid = caller.AccountSid, callSid = "CA1", tracks = new[] { "inbound" }, customParameters = client.CustomParameters(new { marker = "up" }) },
        });
        await RunsWhen(tenant, HandshakeRecorded);
        await client.SendTextAsync("""{"event":"stop","streamSid":"MZ-top","stop":{}}""");

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.UserHangup), (run.State, run.EndReason));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilenceDuringTheHandshake_Is4408(bool afterConnected)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await WaitUntilAcceptedAsync(tenant);
        if (afterConnected) await client.SendConnectedAsync();

        var close = client.ReceiveCloseAsync(seconds: 30);
        // Advance the host's clock past the 10 s limit, a second at a time, until the server gives up.
        for (var i = 0; i < 600 && !close.IsCompleted; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        var (code, _) = await close;
        Assert.Equal(4408, code);
        await AssertHandshakeFailureLeft(tenant, RunEndReason.HandshakeTimeout);
    }

    [Fact]
    public async Task HandshakeWithinTheLimit_IsNotTimedOut()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await WaitUntilAcceptedAsync(tenant);
        // Nine of the ten seconds pass before anything arrives; the handshake then completes in time.
        fixture.Clock.Advance(TimeSpan.FromSeconds(9));
        await client.SendConnectedAsync();
        await client.SendStartAsync();
        await client.SendStopAsync();

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        Assert.Equal(RunEndReason.UserHangup, Assert.Single(await RunsWhen(tenant, runs => runs.Count == 1 && runs.All(r => r.IsEnded))).EndReason);
    }

    [Fact]
    public async Task SocketDroppedBeforeStart_FailsTheHandshake()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await WaitUntilAcceptedAsync(tenant);
        client.Drop();

        await AssertHandshakeFailureLeft(tenant, RunEndReason.HandshakeFailed);
    }

    [Fact]
    public async Task QuotaExceeded_Is1008_AndLeavesAFailedRun()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 1);
        await using var first = await Connect(tenant);
        await first.HandshakeAsync();
        await RunsWhen(tenant, runs => runs.Count == 1);

        await using var second = await Connect(tenant);
        var (code, reason) = await second.ReceiveAdmissionCloseAsync();

        Assert.Equal(1008, code);
        Assert.Contains("limit", reason, StringComparison.OrdinalIgnoreCase);
        var refused = Assert.Single(await RunsOf(tenant), r => r.State == WorkflowRunState.Failed);
        Assert.Equal(RunEndReason.QuotaExceeded, refused.EndReason);
        Assert.Equal(caller.Mode, refused.Mode.Name);
        Assert.Null(refused.StartedAt);
        Assert.Equal(0, refused.DurationSeconds);
        await first.SendStopAsync();
        await first.ReceiveCloseAsync();
    }

    [Fact]
    public async Task AdmittedCall_RunIsAsTheContractDescribes()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.HandshakeAsync(customParameters: new { ticket = "T-42", caller_number = "spoofed" });
        var running = Assert.Single(await RunsWhen(tenant, runs => runs.Count == 1 && runs[0].InitialContext.ContainsKey("ticket")));

        Assert.Equal(WorkflowRunState.Running, running.State);
        Assert.Matches("^WR-AGS-[0-9]{8}$", running.Name);
        Assert.Equal(CallType.Inbound, running.CallType);
        Assert.Equal(caller.Mode, running.Mode.Name);
        Assert.Equal(tenant.AgentVersionId, running.AgentVersionId);
        Assert.Equal(tenant.OrganizationId, running.OrganizationId);
        Assert.NotNull(running.StartedAt);
        Assert.Equal(caller.Mode, running.InitialContext["provider"]);
        Assert.Equal("inbound", running.InitialContext["direction"]);
        Assert.Equal("+15550001111", running.InitialContext["caller_number"]);
        Assert.Equal("+15550002222", running.InitialContext["called_number"]);
        Assert.Equal("sip-call-1@pbx", running.InitialContext["call_id"]);
        Assert.Equal(caller.AccountSid, running.InitialContext["account_sid"]);
        Assert.Equal("T-42", running.InitialContext["ticket"]);
        Assert.False(running.InitialContext.ContainsKey("api_key"));
        Assert.Equal(1, await ReservationsOf(tenant));

        fixture.Clock.Advance(TimeSpan.FromSeconds(42));
        await client.SendStopAsync();
        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);

        var ended = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(WorkflowRunState.Completed, ended.State);
        Assert.Equal(RunEndReason.UserHangup, ended.EndReason);
        Assert.Equal(42, ended.DurationSeconds!.Value, precision: 3);
        Assert.Equal(ended.StartedAt!.Value.AddSeconds(42), ended.EndedAt);
        Assert.Equal(0, await ReservationsOf(tenant));
    }

    [Fact]
    public async Task PublishedAgent_RunPinsThePublishedVersion()
    {
        var tenant = await Host.CreateTenantAsync(publish: true);
        await using var client = await Connect(tenant);
        await client.HandshakeAsync();
        await client.SendStopAsync();
        await client.ReceiveCloseAsync();

        var run = Assert.Single(await RunsWhen(tenant, runs => runs.Count == 1));
        var version = await Host.Query(db => db.AgentVersions.AsNoTracking().SingleAsync(v => v.Id == run.AgentVersionId));
        Assert.Equal(Domain.Agents.AgentVersionStatus.Published, version.Status);
    }

    [Fact]
    public async Task CallerDisconnectsWithoutStop_RunCompletesUserHangup()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.HandshakeAsync(customParameters: new { marker = "up" });
        await RunsWhen(tenant, HandshakeRecorded);
        await client.CloseAsync();

        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);
        Assert.Equal(0, await Eventually.Until(() => ReservationsOf(tenant), n => n == 0));
    }

    [Fact]
    public async Task CallerDropsTheConnection_RunCompletesUserHangup_AndCapacityReturns()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 1);
        await using (var client = await Connect(tenant))
        {
            await client.HandshakeAsync(customParameters: new { marker = "up" });
            await client.SendMediaAsync();
            await RunsWhen(tenant, HandshakeRecorded);
            client.Drop();
        }

        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(RunEndReason.UserHangup, run.EndReason);

        await using var next = await Connect(tenant);
        await next.HandshakeAsync();
        await next.SendStopAsync();
        Assert.Equal(1000, (await next.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task RunNames_AreUniqueAcrossManyCalls()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 50);
        var calls = Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var client = await Connect(tenant);
            await client.HandshakeAsync();
            await client.SendStopAsync();
            return (await client.ReceiveCloseAsync()).Code;
        });

        Assert.All(await Task.WhenAll(calls), code => Assert.Equal(1000, code));
        var runs = await RunsWhen(tenant, r => r.Count == 20 && r.All(x => x.IsEnded));
        Assert.Equal(20, runs.Select(r => r.Name).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(RunEndReason.UserHangup, r.EndReason));
    }

    [Fact]
    public async Task ThirtySimultaneousCalls_AgainstALimitOfFive_AdmitExactlyFive_AndCapacityReturns()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 5);
        var clients = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            var client = await Connect(tenant);
            try { await client.HandshakeAsync(); }
            catch (System.Net.WebSockets.WebSocketException) { } // refused before the handshake was read
            return client;
        }));
        var closes = clients.Select(c => c.ReceiveCloseAsync(seconds: 90)).ToList();

        var runs = await RunsWhen(tenant, r => r.Count == 30 && r.Count(x => x.State == WorkflowRunState.Running) == 5, seconds: 60);
        Assert.Equal(5, runs.Count(r => r.State == WorkflowRunState.Running));
        Assert.Equal(25, runs.Count(r => r.State == WorkflowRunState.Failed && r.EndReason == RunEndReason.QuotaExceeded));
        var refusedCloses = await Eventually.Until(() => Task.FromResult(closes.Where(c => c.IsCompleted).ToList()), done => done.Count >= 25, seconds: 30);
        Assert.Equal(25, refusedCloses.Count);
        Assert.All(refusedCloses, c => Assert.Equal(1008, c.Result.Code));
        Assert.Equal(5, await ReservationsOf(tenant));

        var admitted = clients.Where((_, i) => !closes[i].IsCompleted).ToList();
        Assert.Equal(5, admitted.Count);
        foreach (var client in admitted) await client.SendStopAsync();
        Assert.All(await Task.WhenAll(closes), c => Assert.Contains(c.Code, new[] { 1000, 1008 }));
        Assert.Equal(5, (await Task.WhenAll(closes)).Count(c => c.Code == 1000));

        Assert.Equal(0, await Eventually.Until(() => ReservationsOf(tenant), n => n == 0));
        var ended = await RunsWhen(tenant, r => r.All(x => x.IsEnded));
        Assert.Equal(5, ended.Count(r => r.State == WorkflowRunState.Completed && r.EndReason == RunEndReason.UserHangup));

        await using var again = await Connect(tenant);
        await again.HandshakeAsync();
        await again.SendStopAsync();
        Assert.Equal(1000, (await again.ReceiveCloseAsync()).Code);
        foreach (var client in clients) await client.DisposeAsync();
    }

    [Fact]
    public async Task NoSecret_IsStoredOnTheRun()
    {
        var tenant = await Host.CreateTenantAsync();
        var session = "cx-token-" + Guid.NewGuid().ToString("N");
        await using var client = await Connect(tenant, o => o with { Session = session });
        await client.HandshakeAsync(customParameters: new { note = "hello" });
        await client.SendStopAsync();
        await client.ReceiveCloseAsync();

        var run = Assert.Single(await RunsWhen(tenant, r => r.Count == 1 && r[0].IsEnded));
        Assert.Equal("hello", run.InitialContext["note"]);
        Assert.DoesNotContain(run.InitialContext.Values.Concat(run.GatheredContext.Values), v => v.Contains(session, StringComparison.Ordinal));
        Assert.DoesNotContain(run.InitialContext.Values, v => v.Contains(tenant.ApiKey.Value, StringComparison.Ordinal));
    }
}

public sealed class SqliteCloudonixAdmissionTests(SqliteHostFixture fixture)
    : ProviderAdmissionTests(fixture, Caller.Cloudonix), IClassFixture<SqliteHostFixture>;

public sealed class SqliteTwilioAdmissionTests(SqliteHostFixture fixture)
    : ProviderAdmissionTests(fixture, Caller.Twilio), IClassFixture<SqliteHostFixture>;

public sealed class SqlServerCloudonixAdmissionTests(SqlServerHostFixture fixture)
    : ProviderAdmissionTests(fixture, Caller.Cloudonix), IClassFixture<SqlServerHostFixture>;

public sealed class SqlServerTwilioAdmissionTests(SqlServerHostFixture fixture)
    : ProviderAdmissionTests(fixture, Caller.Twilio), IClassFixture<SqlServerHostFixture>;
