using System.Text;
using CleanAgent.Application.Common;
using CleanAgent.Application.Telephony;
using CleanAgent.CallSimulator;
using CleanAgent.Domain.Agents;
using CleanAgent.Domain.Runs;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Support;

/// <summary>
/// A host for calls with audio: real time (audio is paced by the real clock) on a SQLite file, with the call
/// simulator's fake Cloudonix and Twilio REST APIs standing in for both platforms, and one Twilio account the fake
/// accepts. Calls are placed as a <see cref="Caller"/> places them; what differs per platform (how the hang-up reaches
/// it) is answered here, so the tests read the same for both.
/// </summary>
public class MediaHostFixture() : HostFixture(new SqliteTestDatabase())
{
    private FakeCloudonixApi? _cloudonix;
    private FakeTwilioApi? _twilio;

    public FakeCloudonixApi Cloudonix => _cloudonix!;
    public FakeTwilioApi Twilio => _twilio!;

    /// <summary>The Twilio account the fake accepts, as an operator stores it with <c>admin set-telephony</c>.</summary>
    public string TwilioAccountSid { get; } = "AC" + Guid.NewGuid().ToString("N");

    public string TwilioAuthToken { get; } = "tw-auth-" + Guid.NewGuid().ToString("N");

    protected override TimeProvider? HostClock => null;

    /// <summary>Settings on top of the fixture's own (the two fake APIs).</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    protected sealed override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(MoreSettings)
    {
        ["Cloudonix:ApiBaseUrl"] = Cloudonix.BaseAddress.ToString(),
        ["Cloudonix:RetryDelay"] = "00:00:00.050",
        ["Twilio:ApiBaseUrl"] = Twilio.BaseAddress.ToString(),
        ["Twilio:RetryDelay"] = "00:00:00.050",
    };

    protected override async ValueTask StartDependenciesAsync()
    {
        _cloudonix = await FakeCloudonixApi.StartAsync();
        _twilio = await FakeTwilioApi.StartAsync();
        _twilio.AllowAccount(TwilioAccountSid, TwilioAuthToken);
    }

    protected override async ValueTask StopDependenciesAsync()
    {
        if (_cloudonix is not null) await _cloudonix.DisposeAsync();
        if (_twilio is not null) await _twilio.DisposeAsync();
    }

    /// <summary>
    /// An organization with a key and an agent, set up for <paramref name="caller"/>: for Twilio with this fixture's
    /// credentials stored (so requests are signed and hang-ups go through Twilio's API) unless told otherwise.
    /// </summary>
    public async Task<Tenant> TenantAsync(Caller caller, AgentKind kind = AgentKind.Echo, int? concurrentCallLimit = null, bool storeTwilioCredentials = true, int? monthlyMinutes = null)
    {
        var tenant = await Host.CreateTenantAsync(concurrentCallLimit: concurrentCallLimit, kind: kind, monthlyMinutes: monthlyMinutes);
        if (caller == Caller.Twilio && storeTwilioCredentials)
        {
            var stored = await Host.Send(new SetTelephonyCredentials(tenant.OrganizationId, "twilio", TwilioAccountSid, new Secret(TwilioAuthToken)));
            Assert.True(stored.IsSuccess, stored.Error?.Message);
        }

        return tenant;
    }

    /// <summary>A call to the tenant's agent as <paramref name="caller"/> places it (Twilio: this fixture's account, signed).</summary>
    public SimulatedCallOptions CallTo(Caller caller, Tenant tenant)
    {
        var call = caller.CallTo(Host.BaseAddress, tenant) with { AccountSid = caller == Caller.Twilio ? TwilioAccountSid : "acme" };
        return caller == Caller.Twilio ? call with { TwilioAuthToken = TwilioAuthToken } : call;
    }

    /// <summary>A call as Cloudonix places it.</summary>
    public SimulatedCallOptions CallTo(Tenant tenant) => CallTo(Caller.Cloudonix, tenant);

    /// <summary>The hang-up the platform received for this call, waited for (a hang-up that never comes fails the test).</summary>
    public async Task<ProviderHangup> WaitForHangupAsync(SimulatedCallOptions call, TimeSpan? timeout = null)
    {
        var bound = timeout ?? TimeSpan.FromSeconds(5);
        return call.Provider == SimulatedProvider.Twilio
            ? ProviderHangup.From(await Twilio.WaitForHangupAsync(call.CallSid, bound))
            : ProviderHangup.From(await Cloudonix.WaitForHangupAsync(call.CallSid, bound));
    }

    /// <summary>Every hang-up request the platform received for this call, failed ones included.</summary>
    public IReadOnlyList<ProviderHangup> HangupsOf(SimulatedCallOptions call) => call.Provider == SimulatedProvider.Twilio
        ? Twilio.Hangups.Where(h => h.CallSid == call.CallSid).Select(ProviderHangup.From).ToList()
        : Cloudonix.Hangups.Where(h => h.CallSid == call.CallSid).Select(ProviderHangup.From).ToList();

    /// <summary>The next hang-up requests of this platform fail with <paramref name="status"/>.</summary>
    public void FailNextHangups(SimulatedCallOptions call, int count, int status)
    {
        if (call.Provider == SimulatedProvider.Twilio) Twilio.FailNext(count, status);
        else Cloudonix.FailNext(count, status);
    }

    /// <summary>The <c>Authorization</c> a hang-up of this call must carry: Cloudonix's bearer token, or Twilio's Basic credentials.</summary>
    public string ExpectedAuthorization(SimulatedCallOptions call) => call.Provider == SimulatedProvider.Twilio
        ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioAccountSid}:{TwilioAuthToken}"))
        : $"Bearer {call.Session}";

    public Task<WorkflowRun> EndedRunAsync(Tenant tenant) =>
        Eventually.Until(
            () => Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).OrderByDescending(r => r.CreatedAt).FirstAsync()),
            run => run.IsEnded);

    public Task<int> ReservationsAsync(Tenant tenant) =>
        Host.Query(db => db.CapacityReservations.CountAsync(r => r.OrganizationId == tenant.OrganizationId));
}
