using CleanAgent.Application.ApiKeys;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// The admission contract of agent-stream.md, row by row of its close-code table, with a real WebSocket client
/// against the real host. Runs on SQLite always and on SQL Server where Docker is available.
/// </summary>
public abstract class AgentStreamAdmissionTests(HostFixture fixture)
{
    protected CleanAgentHost Host => fixture.Host;

    private Task<AgentStreamClient> Connect(Tenant tenant, Action<Dictionary<string, string?>>? change = null, string? pathProvider = null, string? agentUuid = null)
    {
        var query = AgentStreamClient.CloudonixQuery(tenant);
        change?.Invoke(query);
        return AgentStreamClient.ConnectAsync(AgentStreamClient.Url(Host.BaseAddress, agentUuid ?? tenant.AgentUuid.ToString(), query, pathProvider));
    }

    private Task<List<WorkflowRun>> RunsOf(Tenant tenant) =>
        Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());

    private Task<List<WorkflowRun>> RunsWhen(Tenant tenant, Func<List<WorkflowRun>, bool> done, int seconds = 15) =>
        Eventually.Until(() => RunsOf(tenant), done, seconds);

    /// <summary>The server has taken <c>start</c> (its custom parameters are on the run): the call is up, not in its handshake.</summary>
    private static bool HandshakeRecorded(List<WorkflowRun> runs) => runs.Count == 1 && runs[0].InitialContext.ContainsKey("marker");

    private Task<int> ReservationsOf(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));

    [Fact]
    public async Task UnknownApiKey_IsRefusedWith1008_AndLeavesNoRun()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q["api_key"] = "dg_" + new string('x', 43));

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1008, code);
        Assert.Contains("API key", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task MissingApiKey_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q.Remove("api_key"));

        Assert.Equal(1008, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task ArchivedApiKey_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        Assert.True((await Host.Send(new ArchiveApiKey(tenant.ApiKeyId))).IsSuccess);
        await using var client = await Connect(tenant);

        var (code, _) = await client.ReceiveCloseAsync();

        Assert.Equal(1008, code);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task SuccessfulUse_RecordsTheKeysLastUse()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q["provider"] = "nonesuch");
        await client.ReceiveCloseAsync();

        var lastUsed = await Host.Query(db => db.ApiKeys.Where(k => k.Id == tenant.ApiKeyId).Select(k => k.LastUsedAt).SingleAsync());
        Assert.NotNull(lastUsed);
    }

    [Fact]
    public async Task UnknownProvider_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q["provider"] = "nonesuch");

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1008, code);
        Assert.Contains("provider", reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("plivo")]
    [InlineData("telnyx")]
    [InlineData("vonage")]
    [InlineData("vobiz")]
    [InlineData("ari")]
    public async Task KnownProviderWithoutAgentStream_IsRefusedWith1011_SayingNotSupported(string provider)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q["provider"] = provider);

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(1011, code);
        Assert.Contains("not supported", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task ProviderInPath_WinsOverTheQueryParameter()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var refused = await Connect(tenant, q => q["provider"] = "cloudonix", pathProvider: "plivo");
        Assert.Equal(1011, (await refused.ReceiveCloseAsync()).Code);

        await using var admitted = await Connect(tenant, q => q["provider"] = "plivo", pathProvider: "cloudonix");
        await admitted.HandshakeAsync();
        await admitted.SendStopAsync();
        Assert.Equal(1000, (await admitted.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task AgentOfAnotherOrganization_LooksExactlyLikeAMissingAgent()
    {
        var mine = await Host.CreateTenantAsync();
        var theirs = await Host.CreateTenantAsync();

        await using var foreign = await Connect(mine, agentUuid: theirs.AgentUuid.ToString());
        var foreignClose = await foreign.ReceiveCloseAsync();
        await using var missing = await Connect(mine, agentUuid: Guid.NewGuid().ToString());
        var missingClose = await missing.ReceiveCloseAsync();

        Assert.Equal(1008, foreignClose.Code);
        Assert.Equal(missingClose, foreignClose);
        Assert.Empty(await RunsOf(theirs));
    }

    [Fact]
    public async Task MalformedAgentUuid_IsRefusedLikeAMissingAgent()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var malformed = await Connect(tenant, agentUuid: "not-a-uuid");
        await using var missing = await Connect(tenant, agentUuid: Guid.NewGuid().ToString());

        Assert.Equal(await missing.ReceiveCloseAsync(), await malformed.ReceiveCloseAsync());
    }

    [Fact]
    public async Task ArchivedAgent_IsRefusedWith1008()
    {
        var tenant = await Host.CreateTenantAsync();
        Assert.True((await Host.Send(new Application.Agents.ArchiveAgent(tenant.AgentUuid))).IsSuccess);
        await using var client = await Connect(tenant);

        Assert.Equal(1008, (await client.ReceiveCloseAsync()).Code);
    }

    [Theory]
    [InlineData("session")]
    [InlineData("AccountSid")]
    [InlineData("CallSid")]
    public async Task MissingCloudonixParameter_IsRefusedWith4400_NamingIt(string parameter)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q.Remove(parameter));

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains(parameter, reason, StringComparison.Ordinal);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task BlankCloudonixParameter_CountsAsMissing()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q["CallSid"] = "   ");

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains("CallSid", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParameterNames_AreMatchedExactly()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q =>
        {
            q["callsid"] = q["CallSid"];
            q.Remove("CallSid");
        });

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    [Fact]
    public async Task MediaBeforeStart_Is4400_AndTheRunFailsHandshakeFailed()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendMediaAsync();

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains("start", reason, StringComparison.Ordinal);
        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.HandshakeFailed, run.EndReason);
        Assert.Equal(0, await ReservationsOf(tenant));
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
        Assert.Equal(RunEndReason.HandshakeFailed, Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded))).EndReason);
    }

    [Fact]
    public async Task StartWithoutCallSid_Is4400()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendJsonAsync(new { @event = "start", start = new { streamSid = "MZ1" } });

        Assert.Equal(4400, (await client.ReceiveCloseAsync()).Code);
    }

    /// <summary>A JSON <c>\ud800</c> escape: valid JSON text, but no .NET string can hold it.</summary>
    [Theory]
    [InlineData("""{"event":"conn\ud800ected"}""", null)]
    [InlineData(null, """{"event":"st\ud800art","start":{"streamSid":"MZ1","callSid":"CA1"}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ\ud800","callSid":"CA1"}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k\ud800":"v"}}}""")]
    [InlineData(null, """{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"k":"v\udc00"}}}""")]
    public async Task LoneSurrogateInTheHandshake_Is4400_AndTheRunFailsHandshakeFailed_WithoutAServerFault(string? connected, string? start)
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
        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal((WorkflowRunState.Failed, RunEndReason.HandshakeFailed), (run.State, run.EndReason));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.StartsWith("[Error]", StringComparison.Ordinal) && e.Contains(run.Name, StringComparison.Ordinal));
        Assert.Equal(0, await ReservationsOf(tenant));
    }

    [Theory]
    [InlineData("CallSid", "..")]
    [InlineData("CallSid", ".")]
    [InlineData("CallSid", "CA1/../..")]
    [InlineData("AccountSid", "..")]
    [InlineData("AccountSid", "acme/../x")]
    public async Task IdentifierThatWouldMoveTheHangupUrl_Is4400_NamingIt_AndLeavesNoRun(string parameter, string value)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant, q => q[parameter] = value);

        var (code, reason) = await client.ReceiveCloseAsync();

        Assert.Equal(4400, code);
        Assert.Contains(parameter, reason, StringComparison.Ordinal);
        Assert.Empty(await RunsOf(tenant));
    }

    [Fact]
    public async Task StartWithItsStreamSidOnlyAtTheTopLevel_IsAdmitted()
    {
        // pipecat's Cloudonix fixture shape.
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await client.SendTextAsync("""{"event":"start","streamSid":"MZ-top","start":{"session":"s","callSid":"CA1","tracks":["inbound"],"customParameters":{"marker":"up"}}}""");
        await RunsWhen(tenant, HandshakeRecorded);
        await client.SendTextAsync("""{"event":"stop","streamSid":"MZ-top","stop":{}}""");

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal((WorkflowRunState.Completed, RunEndReason.UserHangup), (run.State, run.EndReason));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SilenceDuringTheHandshake_Is4408_AndTheRunFailsHandshakeTimeout(bool afterConnected)
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await RunsWhen(tenant, runs => runs.Count == 1);
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
        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.HandshakeTimeout, run.EndReason);
        Assert.Equal(0, await ReservationsOf(tenant));
    }

    [Fact]
    public async Task HandshakeWithinTheLimit_IsNotTimedOut()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await RunsWhen(tenant, runs => runs.Count == 1);
        // Nine of the ten seconds pass before anything arrives; the handshake then completes in time.
        fixture.Clock.Advance(TimeSpan.FromSeconds(9));
        await client.SendConnectedAsync();
        await client.SendStartAsync();
        await client.SendStopAsync();

        Assert.Equal(1000, (await client.ReceiveCloseAsync()).Code);
        Assert.Equal(RunEndReason.UserHangup, Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded))).EndReason);
    }

    [Fact]
    public async Task SocketDroppedBeforeStart_FailsTheRunHandshakeFailed()
    {
        var tenant = await Host.CreateTenantAsync();
        await using var client = await Connect(tenant);
        await client.SendConnectedAsync();
        await RunsWhen(tenant, runs => runs.Count == 1);
        client.Drop();

        var run = Assert.Single(await RunsWhen(tenant, runs => runs.All(r => r.IsEnded)));
        Assert.Equal(WorkflowRunState.Failed, run.State);
        Assert.Equal(RunEndReason.HandshakeFailed, run.EndReason);
        Assert.Equal(0, await Eventually.Until(() => ReservationsOf(tenant), n => n == 0));
    }

    [Fact]
    public async Task QuotaExceeded_Is1008_AndLeavesAFailedRun()
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: 1);
        await using var first = await Connect(tenant);
        await first.HandshakeAsync();
        await RunsWhen(tenant, runs => runs.Count == 1);

        await using var second = await Connect(tenant);
        var (code, reason) = await second.ReceiveCloseAsync();

        Assert.Equal(1008, code);
        Assert.Contains("limit", reason, StringComparison.OrdinalIgnoreCase);
        var refused = Assert.Single(await RunsOf(tenant), r => r.State == WorkflowRunState.Failed);
        Assert.Equal(RunEndReason.QuotaExceeded, refused.EndReason);
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
        Assert.Equal("cloudonix", running.Mode.Name);
        Assert.Equal(tenant.AgentVersionId, running.AgentVersionId);
        Assert.Equal(tenant.OrganizationId, running.OrganizationId);
        Assert.NotNull(running.StartedAt);
        Assert.Equal("cloudonix", running.InitialContext["provider"]);
        Assert.Equal("inbound", running.InitialContext["direction"]);
        Assert.Equal("+15550001111", running.InitialContext["caller_number"]);
        Assert.Equal("+15550002222", running.InitialContext["called_number"]);
        Assert.Equal("sip-call-1@pbx", running.InitialContext["call_id"]);
        Assert.Equal("acme", running.InitialContext["account_sid"]);
        Assert.Equal("T-42", running.InitialContext["ticket"]);
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

        var run = Assert.Single(await RunsOf(tenant));
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
    public async Task ProviderToken_IsNotStoredOnTheRun()
    {
        var tenant = await Host.CreateTenantAsync();
        var session = "cx-token-" + Guid.NewGuid().ToString("N");
        var query = AgentStreamClient.CloudonixQuery(tenant, session);
        await using var client = await AgentStreamClient.ConnectAsync(AgentStreamClient.Url(Host.BaseAddress, tenant.AgentUuid.ToString(), query));
        await client.HandshakeAsync(customParameters: new { note = "hello" });
        await client.SendStopAsync();
        await client.ReceiveCloseAsync();

        var run = Assert.Single(await RunsWhen(tenant, r => r.Count == 1 && r[0].IsEnded));
        Assert.DoesNotContain(run.InitialContext.Values.Concat(run.GatheredContext.Values), v => v.Contains(session, StringComparison.Ordinal));
        Assert.DoesNotContain(run.InitialContext.Values, v => v.Contains(tenant.ApiKey.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NonWebSocketRequest_GetsA400Problem()
    {
        var tenant = await Host.CreateTenantAsync();
        using var http = new HttpClient { BaseAddress = Host.BaseAddress };

        var response = await http.GetAsync($"/api/v1/agent-stream/{tenant.AgentUuid}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class SqliteAgentStreamAdmissionTests(SqliteHostFixture fixture)
    : AgentStreamAdmissionTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class SqlServerAgentStreamAdmissionTests(SqlServerHostFixture fixture)
    : AgentStreamAdmissionTests(fixture), IClassFixture<SqlServerHostFixture>;
