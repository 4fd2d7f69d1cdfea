using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// The admission contract of agent-stream.md where only the Agent Stream URL can say it: the provider's name (in the
/// query or the path) and Cloudonix's own parameters, matched exactly. The contract's other rows, which hold for every
/// provider, are in <see cref="ProviderAdmissionTests"/>. Real WebSocket clients against the real host, on SQLite
/// always and on SQL Server where Docker is available.
/// </summary>
public abstract class AgentStreamAdmissionTests(HostFixture fixture)
{
    protected CleanAgentHost Host => fixture.Host;

    /// <summary>A Cloudonix call's URL as the simulator builds it, its query then changed as the test needs.</summary>
    private Task<AgentStreamClient> Connect(Tenant tenant, Action<Dictionary<string, string?>>? change = null, string? pathProvider = null) =>
        AgentStreamClient.ConnectAsync(EditedUrl.Of(AgentStreamUrl.For(Caller.Cloudonix.CallTo(Host.BaseAddress, tenant)), change, pathProvider));

    private Task<List<WorkflowRun>> RunsOf(Tenant tenant) =>
        Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());

    private Task<List<WorkflowRun>> RunsWhen(Tenant tenant, Func<List<WorkflowRun>, bool> done, int seconds = 15) =>
        Eventually.Until(() => RunsOf(tenant), done, seconds);

    /// <summary>The server has taken <c>start</c> (its custom parameters are on the run): the call is up, not in its handshake.</summary>
    private static bool HandshakeRecorded(List<WorkflowRun> runs) => runs.Count == 1 && runs[0].InitialContext.ContainsKey("marker");

    private Task<int> ReservationsOf(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));

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
