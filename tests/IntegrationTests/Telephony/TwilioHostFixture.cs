using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.Telephony;

/// <summary>The media host, seen from the Twilio-only tests: names for its Twilio account and calls.</summary>
public sealed class TwilioHostFixture : MediaHostFixture
{
    public string AccountSid => TwilioAccountSid;

    public string AuthToken => TwilioAuthToken;

    /// <summary>An organization with an echo agent, and — when asked — this fixture's Twilio credentials stored for it.</summary>
    public Task<Tenant> EchoTenantAsync(bool storeCredentials, int? monthlyMinutes = null) =>
        TenantAsync(Caller.Twilio, storeTwilioCredentials: storeCredentials, monthlyMinutes: monthlyMinutes);

    /// <summary>A call as Twilio places it for this fixture's account, signed with its auth token.</summary>
    public SimulatedCallOptions TwilioCallTo(Tenant tenant) => CallTo(Caller.Twilio, tenant);

    public Task<List<WorkflowRun>> RunsAsync(Tenant tenant) =>
        Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync());
}
