using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace CleanAgent.IntegrationTests.AgentStream;

/// <summary>
/// An organization's minutes per month, at admission: the calls in progress count as well as the ended ones, and a
/// new UTC month starts afresh. The host's clock starts two minutes before a month ends, so the test crosses into
/// the next month with a short step (a long one would fire every periodic timer of the host thousands of times).
/// </summary>
public abstract class MonthlyMinutesTests(HostFixture fixture)
{
    public static readonly DateTimeOffset TwoMinutesBeforeMonthEnd = new(2026, 1, 31, 23, 58, 0, TimeSpan.Zero);

    private CleanAgentHost Host => fixture.Host;

    private Task<AgentStreamClient> Connect(Tenant tenant) => AgentStreamClient.ConnectAsync(Host.BaseAddress, tenant);

    private Task<List<WorkflowRun>> RunsWhen(Tenant tenant, Func<List<WorkflowRun>, bool> done) =>
        Eventually.Until(() => Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync()), done);

    private static async Task<int> AdmittedAndHungUpAsync(AgentStreamClient client)
    {
        await client.HandshakeAsync();
        await client.SendStopAsync();
        return (await client.ReceiveCloseAsync()).Code;
    }

    [Fact]
    public async Task CallInProgress_Counts_EndedCallsCount_AndTheNextMonthStartsAfresh()
    {
        var tenant = await Host.CreateTenantAsync(monthlyMinutes: 1);
        await using var first = await Connect(tenant);
        await first.HandshakeAsync(customParameters: new { marker = "up" });
        await RunsWhen(tenant, runs => runs.Count == 1 && runs[0].InitialContext.ContainsKey("marker"));

        // Half a minute into the first call there is time left...
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await using (var second = await Connect(tenant))
            Assert.Equal(1000, await AdmittedAndHungUpAsync(second));

        // ...at a minute there is none, though no call has ended yet.
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        await using (var third = await Connect(tenant))
        {
            var (code, reason) = await third.ReceiveCloseAsync();
            Assert.Equal(1008, code);
            Assert.Contains("Monthly minutes", reason, StringComparison.Ordinal);
        }

        await first.SendStopAsync();
        Assert.Equal(1000, (await first.ReceiveCloseAsync()).Code);
        var runs = await RunsWhen(tenant, runs => runs.Count == 3 && runs.All(r => r.IsEnded));
        Assert.Equal(1, runs.Count(r => r.EndReason == RunEndReason.QuotaExceeded));
        Assert.Equal(60, runs.Sum(r => r.DurationSeconds!.Value), precision: 3);

        // Ended calls go on counting for the rest of the month...
        await using (var fourth = await Connect(tenant))
            Assert.Equal(1008, (await fourth.ReceiveCloseAsync()).Code);

        // ...and not in the next one.
        fixture.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(2, fixture.Clock.GetUtcNow().Month);
        await using var nextMonth = await Connect(tenant);
        Assert.Equal(1000, await AdmittedAndHungUpAsync(nextMonth));
    }
}

public sealed class SqliteMonthEndHostFixture() : HostFixture(new SqliteTestDatabase(), MonthlyMinutesTests.TwoMinutesBeforeMonthEnd);

public sealed class SqlServerMonthEndHostFixture() : HostFixture(new SqlServerTestDatabase(), MonthlyMinutesTests.TwoMinutesBeforeMonthEnd);

public sealed class SqliteMonthlyMinutesTests(SqliteMonthEndHostFixture fixture)
    : MonthlyMinutesTests(fixture), IClassFixture<SqliteMonthEndHostFixture>;

public sealed class SqlServerMonthlyMinutesTests(SqlServerMonthEndHostFixture fixture)
    : MonthlyMinutesTests(fixture), IClassFixture<SqlServerMonthEndHostFixture>;
