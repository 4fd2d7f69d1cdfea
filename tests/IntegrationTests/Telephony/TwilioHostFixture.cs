using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Telephony;

/// <summary>
/// A real-time host (audio paced by the real clock) on a SQLite file, with the call simulator's fake Twilio REST API
/// standing in for Twilio (<c>Twilio:ApiBaseUrl</c>), and one Twilio account the fake accepts.
/// </summary>
public sealed class TwilioHostFixture : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private CleanAgentHost? _host;
    private FakeTwilioApi? _twilio;

    public CleanAgentHost Host => _host!;
    public FakeTwilioApi Twilio => _twilio!;
    public SqliteTestDatabase Database => _database;

    /// <summary>The account the fake accepts, as an operator stores it with <c>admin set-telephony</c>.</summary>
    public string AccountSid { get; } = "AC" + Guid.NewGuid().ToString("N");

    public string AuthToken { get; } = "tw-auth-" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _twilio = await FakeTwilioApi.StartAsync();
        _twilio.AllowAccount(AccountSid, AuthToken);
        _host = new CleanAgentHost(_database, settings: new Dictionary<string, string>
        {
            ["Twilio:ApiBaseUrl"] = _twilio.BaseAddress.ToString(),
            ["Twilio:RetryDelay"] = "00:00:00.050",
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_twilio is not null) await _twilio.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>An organization with an echo agent, and — when asked — this fixture's Twilio credentials stored for it.</summary>
    public async Task<Tenant> EchoTenantAsync(bool storeCredentials, int? monthlyMinutes = null)
    {
        var tenant = await Host.CreateTenantAsync(kind: AgentKind.Echo, monthlyMinutes: monthlyMinutes);
        if (storeCredentials)
        {
            var set = await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", AccountSid, new Secret(AuthToken)));
            Assert.True(set.IsSuccess, set.Error?.Message);
        }

        return tenant;
    }

    /// <summary>A call as Twilio places it for this fixture's account, signed with its auth token.</summary>
    public SimulatedCallOptions TwilioCallTo(Tenant tenant) => new()
    {
        Provider = SimulatedProvider.Twilio,
        ServerBaseAddress = Host.BaseAddress,
        AgentUuid = tenant.AgentUuid.ToString(),
        ApiKey = tenant.ApiKey.Value,
        AccountSid = AccountSid,
        TwilioAuthToken = AuthToken,
        From = "+15550001111",
        To = "+15550002222",
        CallId = "sip-" + Guid.NewGuid().ToString("N")[..8],
    };

    public Task<List<WorkflowRun>> RunsAsync(Tenant tenant) =>
        Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());

    public Task<WorkflowRun> EndedRunAsync(Tenant tenant) =>
        Eventually.Until(
            () => Host.Query(db => db.WorkflowRuns.AsNoTracking().SingleAsync(r => r.AgentId == tenant.AgentId)),
            run => run.IsEnded);

    public Task<int> ReservationsAsync(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));
}
