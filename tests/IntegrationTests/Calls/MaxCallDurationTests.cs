using CleanAgent.CallSimulator;
using CleanAgent.Domain.Runs;
using CleanAgent.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace CleanAgent.IntegrationTests.Calls;

/// <summary>A host whose clock the test drives, with a ten-minute call limit.</summary>
public sealed class MaxCallDurationHostFixture : MediaHostFixture
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>The host's clock, which the test steps.</summary>
    public FakeTimeProvider FakeClock => Clock;

    protected override TimeProvider? HostClock => Clock;

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Media:MaxCallDuration"] = Limit.ToString(),
    };
}

/// <summary>A call nobody ends is ended by the server at <c>Media:MaxCallDuration</c>, and its slot comes back.</summary>
public abstract class MaxCallDurationTests(MaxCallDurationHostFixture fixture, Caller caller)
{
    [Fact]
    public async Task CallThatNobodyEnds_IsHungUpAndClosed1000_AtTheLimit_AndTheRunCompletesMaxDuration()
    {
        // A voice agent that only holds the line, and a caller who never hangs up.
        var tenant = await fixture.TenantAsync(caller, Domain.Agents.AgentKind.Voice, concurrentCallLimit: 1);
        var options = fixture.CallTo(caller, tenant) with
        {
            SendStop = false,
            MaxCallDuration = TimeSpan.FromMinutes(2), // real time: outlasts even the slowest stepping below
            CustomParameters = new Dictionary<string, string> { ["marker"] = "up" },
        };
        var call = SimulatedCall.RunAsync(options, TestContext.Current.CancellationToken);
        await Eventually.Until(
            () => fixture.Host.Query(db => db.WorkflowRuns.AsNoTracking().Where(r => r.AgentId == tenant.AgentId).ToListAsync()),
            runs => runs.Count == 1 && runs[0].InitialContext.ContainsKey("marker"));

        // Just short of the limit the call goes on.
        fixture.FakeClock.Advance(MaxCallDurationHostFixture.Limit - TimeSpan.FromSeconds(1));
        Assert.False(await Completes(call, TimeSpan.FromMilliseconds(300)), "the call ended before its limit");

        // The session arms its timer just after 'start' is recorded, usually before the step above, but on a busy
        // machine perhaps after it: step a second at a time until the server starts ending the call.
        var stepped = TimeSpan.Zero;
        while (!call.IsCompleted && fixture.HangupsOf(options).Count == 0 && stepped < 2 * MaxCallDurationHostFixture.Limit)
        {
            fixture.FakeClock.Advance(TimeSpan.FromSeconds(1));
            stepped += TimeSpan.FromSeconds(1);
            await Completes(call, TimeSpan.FromMilliseconds(20));
        }

        var result = await call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        Assert.Equal(1000, result.CloseCode);
        Assert.False(result.ReachedMaxDuration, "the simulated caller gave up first: the server never ended the call");
        var hangup = await fixture.WaitForHangupAsync(options);
        Assert.Equal(fixture.ExpectedAuthorization(options), hangup.Authorization);

        var run = await fixture.EndedRunAsync(tenant);
        Assert.Equal(WorkflowRunState.Completed, run.State);
        Assert.Equal(RunEndReason.MaxDuration, run.EndReason);
        // At least the limit; at most the limit counted from a timer armed after the first step.
        Assert.InRange(run.DurationSeconds!.Value, MaxCallDurationHostFixture.Limit.TotalSeconds, 2 * MaxCallDurationHostFixture.Limit.TotalSeconds);
        Assert.Equal(0, await Eventually.Until(() => fixture.ReservationsAsync(tenant), n => n == 0));
    }

    private static async Task<bool> Completes(Task task, TimeSpan within) => await Task.WhenAny(task, Task.Delay(within)) == task;
}

public sealed class CloudonixMaxCallDurationTests(MaxCallDurationHostFixture fixture) : MaxCallDurationTests(fixture, Caller.Cloudonix), IClassFixture<MaxCallDurationHostFixture>;

public sealed class TwilioMaxCallDurationTests(MaxCallDurationHostFixture fixture) : MaxCallDurationTests(fixture, Caller.Twilio), IClassFixture<MaxCallDurationHostFixture>;
